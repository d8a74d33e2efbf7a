// qaf: an embeddable rules engine for the quality assurance frameworks that councils use for the
// care they commission. This umbrella header brings in the whole public API and nothing else.
//
//   #include <qaf/qaf.hpp>
//   std::cout << "qaf " << qaf::version() << '\n';
#pragma once

#include "qaf/date.hpp"
#include "qaf/version.hpp"
