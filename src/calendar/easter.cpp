#include "calendar/easter.hpp"

namespace qaf::detail {

date easter_sunday(int year) {
  // The names are Meeus's, so the steps can be checked against the book line by line.
  const int a = year % 19;  // the year's place in the 19-year Metonic cycle of the moon
  const int b = year / 100;
  const int c = year % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;  // days from 21 March to the paschal full moon
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;  // days from the full moon to the Sunday after
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return date::from_ymd(year, month, day);
}

}  // namespace qaf::detail
