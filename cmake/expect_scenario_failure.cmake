# Runs one scenario that must fail and checks that it fails the way its file says: exit 1
# (a failed expectation, not bad input) and the console naming the expected failure text.
# Called by the must_fail.* tests: cmake -DRINGSIDE=... -DFILE=... -DEXPECT=... [-DTARGET_ARGS=...] -P this.
separate_arguments(target_args UNIX_COMMAND "${TARGET_ARGS}")
execute_process(COMMAND ${RINGSIDE} run ${FILE} ${target_args}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 110)
if(NOT rc EQUAL 1)
  message(FATAL_ERROR "expected exit 1 (a failed expectation), got ${rc}\n${out}${err}")
endif()
string(FIND "${out}" "${EXPECT}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "the run failed, but not with \"${EXPECT}\":\n${out}${err}")
endif()
message(STATUS "failed as it must: ${EXPECT}")
