#include "RecordKeyWait.h"

#include "src/console/Console.h"

#include <QEventLoop>

namespace golive::app {

RecordKey loadRecordKey(RecordKeyLoader::Mode mode)
{
    RecordKeyLoader loader(mode);
    QEventLoop loop;
    QObject::connect(&loader, &RecordKeyLoader::finished, &loop, &QEventLoop::quit);
    loader.load();
    if (!loader.isFinished())
        loop.exec();
    return loader.key();
}

void waitForRecordKey(Console &console)
{
    if (console.recordKeyKnown())
        return;
    QEventLoop loop;
    QObject::connect(&console, &Console::recordKeyArrived, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace golive::app
