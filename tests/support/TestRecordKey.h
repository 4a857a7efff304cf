#pragma once

#include "src/secrets/RecordKey.h"

namespace golive::test {

// A fixed record key, so unit tests sign and verify without a keychain.
inline RecordKey testRecordKey()
{
    return RecordKey::fromSecret(QByteArray(RecordKey::secretBytes, 'k'));
}

// Another installation's key: its signatures do not verify under testRecordKey().
inline RecordKey otherRecordKey()
{
    return RecordKey::fromSecret(QByteArray(RecordKey::secretBytes, 'm'));
}

} // namespace golive::test
