#pragma once

#include "src/common/Error.h"

#include <QString>

#include <functional>

namespace golive {

// Checks that a candidate API key works before it replaces the one in use (the Cohere client
// implements this with POST /v1/check-api-key).
//
// verify() starts the check and returns; `done` is called exactly once, on the caller's thread,
// with std::nullopt when the key was accepted or an Error saying why not. It may be called before
// verify() returns. The Error's message must not contain the key.
class KeyVerifier {
public:
    virtual ~KeyVerifier() = default;
    virtual void verify(const QString &key, std::function<void(Status)> done) = 0;

protected:
    KeyVerifier() = default;
    KeyVerifier(const KeyVerifier &) = default;
    KeyVerifier &operator=(const KeyVerifier &) = default;
};

} // namespace golive
