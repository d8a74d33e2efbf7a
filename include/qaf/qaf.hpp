// qaf: an embeddable rules engine for the quality assurance frameworks that councils use for the
// care they commission. This umbrella header brings in the whole public API and nothing else.
//
//   #include <qaf/qaf.hpp>
//   std::cout << "qaf " << qaf::version() << '\n';
#pragma once

#include "qaf/calendar.hpp"
#include "qaf/date.hpp"
#include "qaf/diagnostic.hpp"
#include "qaf/engine.hpp"
#include "qaf/explanation.hpp"
#include "qaf/kpi.hpp"
#include "qaf/pack.hpp"
#include "qaf/pack_diff.hpp"
#include "qaf/pack_test.hpp"
#include "qaf/portfolio.hpp"
#include "qaf/rating.hpp"
#include "qaf/schedule.hpp"
#include "qaf/version.hpp"
