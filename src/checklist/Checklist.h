#pragma once

#include "src/checklist/ChecklistDocument.h"
#include "src/checklist/ItemState.h"

#include <QObject>

namespace golive {

class Clock;

// The checklist of one release: its document, the tick state of its items and the commands that
// change it. Each tick or untick carries who (the ticker name it was given) and when (its clock);
// every change is announced through itemStateChanged so the release can save and record it at
// once. Views and the item model only observe it.
class Checklist : public QObject {
    Q_OBJECT
public:
    struct Progress {
        int done = 0;
        int total = 0;
        int requiredOpen = 0;
    };

    explicit Checklist(const Clock &clock, QObject *parent = nullptr);

    // Replaces the document and its state (another release was opened).
    void reset(ChecklistDocument document, ChecklistState state);
    const ChecklistDocument &document() const { return m_document; }
    const ChecklistState &state() const { return m_state; }

    // The name recorded with each tick. The checklist does not guess it: whoever builds the
    // console gives it (the window and `golive run` give the OS user). Blank names are ignored.
    QString tickerName() const { return m_tickerName; }
    void setTickerName(const QString &name);

    // Commands. They do nothing (and return false) for unknown ids or when nothing changes;
    // ticking a ticked item again with evidence records that evidence.
    bool tick(const QString &itemId, const QString &evidence = QString());
    bool untick(const QString &itemId);
    bool setNote(const QString &itemId, const QString &note);

    Progress progress() const;
    Progress progress(const ChecklistSection &section) const;

Q_SIGNALS:
    // An item was ticked, unticked or annotated. `state` is its new state, history included.
    void itemStateChanged(const QString &itemId, const golive::ItemState &state);
    void tickerNameChanged(const QString &name);
    // reset() is about to replace the document and state, and has replaced them.
    void documentAboutToChange();
    void documentChanged();

private:
    bool record(const QString &itemId, bool checked, const QString &evidence);
    void announce(const QString &itemId);

    const Clock &m_clock;
    ChecklistDocument m_document;
    ChecklistState m_state;
    QString m_tickerName;
};

} // namespace golive
