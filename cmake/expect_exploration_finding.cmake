# Proves a property can fail: explores SCENARIO with a planted defect and checks that the
# exploration breaks PROPERTY (exit 1), shrinks it to at most MAX_FAULTS faults, writes a
# scenario file that `ringside run` fails with that property, on its own.
# cmake -DRINGSIDE=... -DSCENARIO=... -DPLANT=... -DFAULTS=... -DPROPERTY=... -DMAX_FAULTS=N -DOUT=DIR -P this
file(REMOVE_RECURSE ${OUT})
execute_process(COMMAND ${RINGSIDE} explore ${SCENARIO} --plant ${PLANT} --faults ${FAULTS} --runs 50 --seed 1 --out ${OUT}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 100)
if(NOT rc EQUAL 1)
  message(FATAL_ERROR "expected exit 1 (a property broken), got ${rc}\n${out}${err}")
endif()
string(REGEX MATCH "BROKEN ${PROPERTY} [^\n]*\n[^\n]*\n      shrunk from [0-9]+ to ([0-9]+) fault\\(s\\)[^\n]*; reproduces under ringside run\n      repro: [^\n]* run ([^\n]+)" found "${out}")
if(NOT found)
  message(FATAL_ERROR "the exploration did not break ${PROPERTY}, or its repro does not reproduce:\n${out}${err}")
endif()
set(faults ${CMAKE_MATCH_1})
set(repro ${CMAKE_MATCH_2})
if(faults GREATER ${MAX_FAULTS})
  message(FATAL_ERROR "shrunk to ${faults} faults; at most ${MAX_FAULTS} expected:\n${out}")
endif()
# The written file on its own, as a person would play it: it fails with the property, or
# for no_crash the process dies (a signal, which CMake reports as text, not exit 1).
execute_process(COMMAND ${RINGSIDE} run ${repro} RESULT_VARIABLE rc OUTPUT_VARIABLE run_out ERROR_VARIABLE run_err TIMEOUT 60)
string(FIND "${run_out}" "property ${PROPERTY} broken" at)
if(PROPERTY STREQUAL "no_crash")
  if(rc MATCHES "^[0-9]+$")
    message(FATAL_ERROR "ringside run ${repro} did not crash (exit ${rc}):\n${run_out}${run_err}")
  endif()
elseif(NOT rc EQUAL 1 OR at EQUAL -1)
  message(FATAL_ERROR "ringside run ${repro} did not fail with ${PROPERTY} (exit ${rc}):\n${run_out}${run_err}")
endif()
message(STATUS "${PLANT}: ${PROPERTY} broken, shrunk to ${faults} fault(s), reproduced by ringside run ${repro}")
