// The two portfolio formats. Both produce provider records and pass each through check_record.
#pragma once

#include <string_view>

#include "pack/pack_data.hpp"
#include "qaf/portfolio.hpp"

namespace qaf::detail {

portfolio_result read_json_portfolio(const pack_data& pack, std::string_view text,
                                     std::string_view file_name);
portfolio_result read_csv_portfolio(const pack_data& pack, std::string_view text,
                                    std::string_view file_name);

}  // namespace qaf::detail
