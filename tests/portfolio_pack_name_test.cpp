// A portfolio may name its pack (`{"pack": "devon-children-residential", "providers": [...]}`):
// the readers keep the name, portfolio_pack_name finds it before any pack is loaded, and the
// command line needs no --pack (a --pack given still wins).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "qaf/pack.hpp"
#include "qaf/portfolio.hpp"
#include "test_support.hpp"

namespace {

using qaf::testing::run_cli;
using ::testing::HasSubstr;

std::filesystem::path write_portfolio(const std::string& name, const std::string& text) {
  // The process id keeps test programs run side by side (normal and ASan builds) apart.
  const auto path =
      std::filesystem::temp_directory_path() / (std::to_string(::getpid()) + "-" + name);
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

constexpr const char* named =
    R"({"$schema": "x", "providers": [{"id": "h1", "facts": {"service_type": "childrens_home"}}],
        "pack": "coventry-children"})";

TEST(PortfolioPack, TheReaderKeepsTheName) {
  const qaf::pack rules = *qaf::load_pack("coventry-children").pack;
  const qaf::portfolio_result read = qaf::parse_portfolio_json(rules, named, "p.json");
  ASSERT_TRUE(read) << qaf::testing::describe(read.diagnostics);
  EXPECT_EQ(read.portfolio->pack, "coventry-children");
  EXPECT_EQ(read.portfolio->providers.size(), 1u);
}

TEST(PortfolioPack, ANameThatIsNoStringIsAnError) {
  const qaf::pack rules = *qaf::load_pack("coventry-children").pack;
  const qaf::portfolio_result read =
      qaf::parse_portfolio_json(rules, R"({"pack": 3, "providers": []})", "p.json");
  ASSERT_FALSE(read);
  ASSERT_EQ(read.diagnostics.size(), 1u);
  EXPECT_EQ(read.diagnostics[0].code, "qaf.portfolio.type");
  EXPECT_EQ(read.diagnostics[0].pointer, "/pack");
}

TEST(PortfolioPack, FoundBeforeThePackIsLoaded) {
  EXPECT_EQ(qaf::portfolio_pack_name(write_portfolio("qaf-named.json", named).string()),
            "coventry-children");
  EXPECT_EQ(qaf::portfolio_pack_name(
                write_portfolio("qaf-unnamed.json", R"({"providers": []})").string()),
            std::nullopt);
  EXPECT_EQ(
      qaf::portfolio_pack_name(write_portfolio("qaf-broken.json", R"({"providers": [)").string()),
      std::nullopt);
  EXPECT_EQ(qaf::portfolio_pack_name(write_portfolio("qaf-named.csv", "id\nh1\n").string()),
            std::nullopt);
  EXPECT_EQ(qaf::portfolio_pack_name("/nonexistent/portfolio.json"), std::nullopt);
}

TEST(PortfolioPack, TheCommandLineNeedsNoPackAndPackStillOverrides) {
  const std::string path = write_portfolio("qaf-cli-named.json", named).string();
  const auto rated = run_cli("rate --portfolio " + path + " --as-of 2025-05-26");
  EXPECT_EQ(rated.status, 0) << rated.err;
  EXPECT_THAT(rated.out, HasSubstr("\"id\": \"coventry-children\""));
  // The record fits Bolton's pack too (a children's home), so --pack decides which rules run.
  const auto overridden =
      run_cli("rate --pack bolton-children-2024 --portfolio " + path + " --as-of 2025-05-26");
  EXPECT_EQ(overridden.status, 0) << overridden.err;
  EXPECT_THAT(overridden.out, HasSubstr("\"id\": \"bolton-children-2024\""));
  const auto validated = run_cli("validate --portfolio " + path);
  EXPECT_EQ(validated.status, 0) << validated.err;
  EXPECT_EQ(validated.out, "ok\n");
}

TEST(PortfolioPack, NoPackAnywhereIsAUsageError) {
  const std::string path = write_portfolio("qaf-cli-unnamed.json", R"({"providers": []})").string();
  const auto done = run_cli("assess --portfolio " + path + " --as-of 2025-05-26");
  EXPECT_EQ(done.status, 1);
  EXPECT_EQ(done.out, "");
  EXPECT_THAT(done.err, HasSubstr("qaf assess: qaf.cli.usage: --pack is required: " + path +
                                  " names no pack"));
}

}  // namespace
