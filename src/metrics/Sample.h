#pragma once

#include "src/common/CallOutcome.h"

#include <QMetaType>
#include <QtGlobal>

namespace golive {

// One probe result, as stored: 32 bytes, so a day at one sample a second is 2.7 MB per probe.
struct Sample {
    // When the result became known, in milliseconds since 1970-01-01T00:00Z (UTC epoch). Epoch
    // rather than monotonic time so that samples line up with the UTC day of the budget rule, the
    // release record and charts; SampleSeries keeps them ordered if the wall clock steps back.
    qint64 atMs = 0;
    // The answering attempt's own time, request sent to last byte (retries and waits before it
    // are not in it); a timeout counts in full. Percentiles read it only for answered samples.
    double latencyMs = 0.0;
    quint32 inputTokens = 0;  // billed_units.input_tokens
    quint32 outputTokens = 0; // billed_units.output_tokens
    qint16 httpStatus = 0;    // 0 = no HTTP answer (timeout, network error)
    quint16 searchUnits = 0;  // billed_units.search_units (rerank)
    Outcome outcome = Outcome::Healthy;
    FailureKind failure = FailureKind::Ok;
    // HTTP 429 answers behind this sample, retries included: a probe whose four attempts were
    // all refused is four 429 responses (what the rate-limited rule counts), not one.
    quint8 rateLimitedResponses = 0;

    bool operator==(const Sample &) const = default;
};

static_assert(sizeof(Sample) <= 32, "a day of samples per probe must stay small");

} // namespace golive

Q_DECLARE_METATYPE(golive::Sample)
