// The one place qaf's version lives. CMake reads QAF_VERSION_STRING from this file.
#pragma once

#define QAF_VERSION_MAJOR 0
#define QAF_VERSION_MINOR 1
#define QAF_VERSION_PATCH 0
#define QAF_VERSION_STRING "0.1.0"

namespace qaf {

/// The library's version, "MAJOR.MINOR.PATCH", as compiled into the library (which may differ
/// from the header a caller compiled against if the two were installed separately).
const char* version() noexcept;

}  // namespace qaf
