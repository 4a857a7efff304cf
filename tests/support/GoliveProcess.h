#pragma once

#include <QJsonObject>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace golive::test {

// What a run of the built golive binary left behind.
struct GoliveRun {
    bool finished = false;
    int exitCode = -1;
    QString out;
    QString err;
    QJsonObject json() const; // stdout parsed as a JSON object (empty if it is not one)
};

struct GoliveRunOptions {
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    QByteArray input; // written to stdin, which is then closed
    int timeoutMs = 30'000;
};

// Runs build/app/golive with `arguments` and waits for it on a signal, so this process's event
// loop keeps turning and loopback servers the test serves keep answering. A run that does not
// finish in time is a test failure, and the process is killed.
GoliveRun runGolive(const QStringList &arguments, const GoliveRunOptions &options = {});

} // namespace golive::test
