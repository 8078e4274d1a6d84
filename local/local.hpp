#pragma once

// The local cloud (issue 11): one entry header for the engine.
// - local/model.hpp: the templates' functions, queues, topics, ... with local names/ARNs/URLs.
// - local/runtime.hpp: Python and Node.js handlers as warm child processes.
// The asynchronous engine, SQS/SNS, schedules and the HTTP endpoint add their headers here.

#include "local/model.hpp"
#include "local/runtime.hpp"
#include "local/cloud.hpp"        // the assembled local cloud (clock, SQS, SNS, async, ESM, schedules)
#include "local/http/server.hpp"  // the endpoint of `formwork serve`
