#include "qaf/version.hpp"

namespace qaf {

const char* version() noexcept { return QAF_VERSION_STRING; }

}  // namespace qaf
