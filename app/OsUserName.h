#pragma once

#include <QString>

namespace golive::app {

// Who is at this terminal: the name ticks and recorded commands carry until the person types
// another. The core never guesses it; the front ends give it.
QString osUserName();

} // namespace golive::app
