#pragma once
// The Writ embedding API: compile a policy set, run it in engines, ask before acting.
// docs/embedding.md is the guide; examples/embed/ a program that uses it.
#include "writ/decision.hpp"
#include "writ/diagnostic.hpp"
#include "writ/engine.hpp"
#include "writ/error.hpp"
#include "writ/event.hpp"
#include "writ/policy.hpp"
#include "writ/time.hpp"
