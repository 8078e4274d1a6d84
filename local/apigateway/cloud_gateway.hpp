#pragma once

// The API Gateway of a LocalCloud, for `formwork serve`: the model's REST APIs; Lambda called
// through the cloud — RequestResponse with LocalCloud::invoke, Event with
// LocalCloud::invoke_async (the asynchronous path: retries, dead-letter queue, destinations) —
// with Lambda's checks of the payload (JSON, 6 MB synchronous / 1 MB asynchronous); requests
// timed on the cloud's clock; one timeline line per request (kind API) and per failure (WARN).

#include <memory>

#include "local/apigateway/gateway.hpp"

namespace formwork::local {
class LocalCloud;
}

namespace formwork::local::apigateway {

/// Throws std::runtime_error naming the resource for an API it cannot serve (see build_rest_apis).
[[nodiscard]] std::unique_ptr<Gateway> make_gateway(LocalCloud& cloud);

}  // namespace formwork::local::apigateway
