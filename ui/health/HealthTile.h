#pragma once

#include "src/probes/ProbeResult.h"

#include <QFrame>
#include <optional>

class QLabel;

namespace golive {

// One probe at a glance: name, a status colour (green/amber/red, grey for skipped or not yet
// run), the last latency, P95 over five minutes and the last error, elided with a tooltip.
class HealthTile : public QFrame {
    Q_OBJECT
public:
    explicit HealthTile(const QString &probeName, QWidget *parent = nullptr);

    void showResult(const ProbeResult &result);
    void showP95(std::optional<double> p95Ms);

    static QColor colourFor(std::optional<ProbeStatus> status);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void elideError();

    QLabel *m_name;
    QLabel *m_status;
    QLabel *m_latency;
    QLabel *m_p95;
    QLabel *m_error;
    QString m_errorText;
};

} // namespace golive
