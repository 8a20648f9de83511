# ctest "embed": installs this build into a prefix under the build tree, builds
# examples/embed against the installed package as an application would, runs it and
# compares its output with examples/embed/expected.txt.
#   cmake -DBUILD_DIR=... -DSOURCE_DIR=... -P install_and_build.cmake
set(prefix ${BUILD_DIR}/embed-test/prefix)
set(example_build ${BUILD_DIR}/embed-test/build)
file(REMOVE_RECURSE ${prefix})

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "failed (${code}): ${ARGN}\n${out}\n${err}")
  endif()
  set(output "${out}" PARENT_SCOPE)
endfunction()

run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})
run(${CMAKE_COMMAND} -S ${SOURCE_DIR}/examples/embed -B ${example_build}
    -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_BUILD_TYPE=Release)
run(${CMAKE_COMMAND} --build ${example_build})
run(${example_build}/embed_example ${example_build}/trail.db)
file(READ ${SOURCE_DIR}/examples/embed/expected.txt expected)
if(NOT output STREQUAL expected)
  message(FATAL_ERROR "examples/embed printed:\n${output}\nexpected (examples/embed/expected.txt):\n${expected}")
endif()
message(STATUS "examples/embed built against ${prefix} and printed what was expected")
