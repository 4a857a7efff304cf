#include "GoliveProcess.h"

#include "TestEnvironment.h"

#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>

#include <gtest/gtest.h>

namespace golive::test {

QJsonObject GoliveRun::json() const
{
    return QJsonDocument::fromJson(out.toUtf8()).object();
}

GoliveRun runGolive(const QStringList &arguments, const GoliveRunOptions &options)
{
    QProcess process;
    process.setProcessEnvironment(options.environment);
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(builtBinary(QStringLiteral("app/golive")), arguments);
    process.write(options.input);
    process.closeWriteChannel();

    GoliveRun run;
    run.finished = finished.wait(options.timeoutMs);
    if (!run.finished) {
        ADD_FAILURE() << "golive " << arguments.join(QLatin1Char(' ')).toStdString()
                      << " did not finish within " << options.timeoutMs << " ms";
        process.kill();
        finished.wait(5000);
    }
    run.exitCode = process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

} // namespace golive::test
