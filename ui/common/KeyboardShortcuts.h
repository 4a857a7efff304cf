#pragma once

#include <QChar>
#include <QList>
#include <QString>

class QWidget;

namespace golive {

// One key the user can press, as Help › Keyboard shortcuts lists it.
struct KeyboardShortcut {
    QString keys;   // "Ctrl+K", "Alt+R"
    QString action; // "Cohere API key…", "Required only"
    QString where;  // "Console menu", "Checklist tab"
};

// The window's keys, found in the window itself so the list cannot go stale: the menus' actions
// with their shortcuts and mnemonics, every QShortcut (described by its whatsThis), and the
// Alt+letter mnemonics of tabs, buttons and labels with a buddy. Keys Qt handles inside a view
// (Space to tick) are added by the caller.
namespace KeyboardShortcuts {

// The letter after a single '&' ("&Rollout" -> 'r'), lower case; a null QChar when none.
QChar mnemonicOf(const QString &text);
// The text without its '&' markers and trailing "…".
QString plainText(const QString &text);

// Alt+letter mnemonics that act in `window` itself (menu bar titles, tab titles, buttons, check
// boxes, group boxes and labels with a buddy), with what owns each, in widget-tree order. Widgets
// of tabs that are not built yet are not there; build them first to see all.
QList<KeyboardShortcut> windowMnemonics(QWidget *window);
// Everything: the menus' shortcuts and their items' mnemonics, QShortcuts, windowMnemonics().
QList<KeyboardShortcut> all(QWidget *window);

} // namespace KeyboardShortcuts

} // namespace golive
