// The cloud.fault keys of issue 4 (delay shapes, break, raw_body, dribble, date_skew) and
// user.approve's after_polls: bad values are refused before anything plays, naming the file,
// the line and what was expected.
#include <catch2/catch.hpp>

#include "runner/malformed_cases.hpp"

TEST_CASE("bad fault shapes, breaks, skews and approvals name their line and what was expected", "[runner][faults]") {
    ringside::test::check_refused({
        {"malformed_faults/delay_unknown_shape.yaml", 5, "delay needs exactly one of 'uniform' or 'lognormal'"},
        {"malformed_faults/delay_uniform_backwards.yaml", 5, "uniform's max (1s) is below its min (5s)"},
        {"malformed_faults/delay_uniform_one_bound.yaml", 5, "uniform takes two durations [min, max]"},
        {"malformed_faults/delay_lognormal_bad_sigma.yaml", 5,
         "bad number 'wide' for cloud.fault.delay.lognormal.sigma; expected a number from 0 to 4"},
        {"malformed_faults/delay_lognormal_no_median.yaml", 5, "missing required field 'median'"},
        {"malformed_faults/unknown_break.yaml", 5,
         "unknown break 'explode' for cloud.fault.break; expected one of: empty_reply, reset, random_bytes, malformed_chunk"},
        {"malformed_faults/bad_date_skew.yaml", 5, "bad duration '-3 years' for cloud.fault.date_skew; expected a duration with an optional sign"},
        {"malformed_faults/raw_body_without_status.yaml", 5, "raw_body is sent with a status"},
        {"malformed_faults/content_type_without_raw_body.yaml", 5, "content_type goes with raw_body"},
        {"malformed_faults/bad_dribble.yaml", 5, "bad duration 'slowly' for cloud.fault.dribble"},
        {"malformed_faults/bad_after_polls.yaml", 5, "bad number '0' for user.approve.after_polls; expected a whole number from 1 to 10000"},
    });
}
