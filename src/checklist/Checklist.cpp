#include "src/checklist/Checklist.h"

#include "src/common/Clock.h"

namespace golive {

Checklist::Checklist(const Clock &clock, QObject *parent) : QObject(parent), m_clock(clock) {}

void Checklist::reset(ChecklistDocument document, ChecklistState state)
{
    Q_EMIT documentAboutToChange();
    m_document = std::move(document);
    m_state = std::move(state);
    Q_EMIT documentChanged();
}

void Checklist::setTickerName(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty() || trimmed == m_tickerName)
        return;
    m_tickerName = trimmed;
    Q_EMIT tickerNameChanged(m_tickerName);
}

bool Checklist::tick(const QString &itemId, const QString &evidence)
{
    return record(itemId, true, evidence);
}

bool Checklist::untick(const QString &itemId)
{
    return record(itemId, false, QString());
}

bool Checklist::record(const QString &itemId, bool checked, const QString &evidence)
{
    if (!m_document.findItem(itemId))
        return false;
    ItemState &state = m_state[itemId];
    if (state.checked == checked && evidence.isEmpty())
        return false;
    const QDateTime now = m_clock.nowUtc();
    state.checked = checked;
    state.who = m_tickerName;
    state.atUtc = now;
    if (checked)
        state.evidence = evidence;
    else
        state.evidence.clear();
    state.history.append(TickRecord{checked, m_tickerName, now, state.note, state.evidence});
    announce(itemId);
    return true;
}

bool Checklist::setNote(const QString &itemId, const QString &note)
{
    if (!m_document.findItem(itemId))
        return false;
    ItemState &state = m_state[itemId];
    if (state.note == note)
        return false;
    state.note = note;
    // The edit is whoever is ticking now, not whoever ticked the item last.
    TickRecord edit{state.checked, m_tickerName, m_clock.nowUtc(), note, state.evidence};
    edit.noteEdit = true;
    state.history.append(edit);
    announce(itemId);
    return true;
}

void Checklist::announce(const QString &itemId)
{
    // A copy: a listener that changes the checklist must not change what later listeners see.
    Q_EMIT itemStateChanged(itemId, m_state.value(itemId));
}

Checklist::Progress Checklist::progress() const
{
    Progress total;
    for (const ChecklistSection &section : m_document.sections) {
        const Progress part = progress(section);
        total.done += part.done;
        total.total += part.total;
        total.requiredOpen += part.requiredOpen;
    }
    return total;
}

Checklist::Progress Checklist::progress(const ChecklistSection &section) const
{
    Progress progress;
    for (const ChecklistItem &item : section.items) {
        const bool checked = m_state.value(item.id).checked;
        ++progress.total;
        progress.done += checked ? 1 : 0;
        progress.requiredOpen += (item.required && !checked) ? 1 : 0;
    }
    return progress;
}

} // namespace golive
