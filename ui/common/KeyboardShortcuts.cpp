#include "ui/common/KeyboardShortcuts.h"

#include <QAbstractButton>
#include <QAction>
#include <QGroupBox>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QShortcut>
#include <QTabWidget>

#include <algorithm>

namespace golive::KeyboardShortcuts {

namespace {

QString altKey(QChar letter)
{
    return QStringLiteral("Alt+%1").arg(letter.toUpper());
}

// The name a person uses for the tab a widget sits in ("Checklist tab"), or "window".
QString placeOf(const QWidget *widget)
{
    for (const QWidget *w = widget; w; w = w->parentWidget()) {
        const QWidget *page = w;
        const QWidget *stack = page->parentWidget();
        const auto *tabs = stack ? qobject_cast<const QTabWidget *>(stack->parentWidget()) : nullptr;
        if (tabs) {
            const int index = tabs->indexOf(const_cast<QWidget *>(page));
            if (index >= 0)
                return QObject::tr("%1 tab").arg(plainText(tabs->tabText(index)));
        }
    }
    return QObject::tr("window");
}

void addMenu(QList<KeyboardShortcut> &out, QMenu *menu)
{
    const QString where = QObject::tr("%1 menu").arg(plainText(menu->title()));
    for (QAction *action : menu->actions()) {
        if (action->isSeparator())
            continue;
        if (action->menu()) {
            addMenu(out, action->menu());
            continue;
        }
        if (!action->shortcut().isEmpty())
            out.append({action->shortcut().toString(QKeySequence::NativeText),
                        plainText(action->text()), where});
        if (const QChar letter = mnemonicOf(action->text()); !letter.isNull())
            out.append({QObject::tr("%1, then %2")
                            .arg(altKey(mnemonicOf(menu->title())), QString(letter.toUpper())),
                        plainText(action->text()), where});
    }
}

} // namespace

QChar mnemonicOf(const QString &text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != QLatin1Char('&'))
            continue;
        if (text.at(i + 1) == QLatin1Char('&')) {
            ++i; // "&&" is a literal ampersand
            continue;
        }
        return text.at(i + 1).toLower();
    }
    return {};
}

QString plainText(const QString &text)
{
    QString plain = text;
    plain.replace(QStringLiteral("&&"), QStringLiteral("\x01"));
    plain.remove(QLatin1Char('&'));
    plain.replace(QStringLiteral("\x01"), QStringLiteral("&"));
    if (plain.endsWith(QChar(0x2026)))
        plain.chop(1);
    if (plain.endsWith(QLatin1Char(':')))
        plain.chop(1);
    return plain.trimmed();
}

QList<KeyboardShortcut> windowMnemonics(QWidget *window)
{
    QList<KeyboardShortcut> out;
    const auto add = [&out](const QString &text, const QWidget *owner) {
        if (const QChar letter = mnemonicOf(text); !letter.isNull())
            out.append({altKey(letter), plainText(text), placeOf(owner)});
    };
    for (QMenuBar *bar : window->findChildren<QMenuBar *>()) {
        for (QAction *action : bar->actions()) {
            const QChar letter = mnemonicOf(action->text());
            if (action->menu() && action->isVisible() && !letter.isNull())
                out.append({altKey(letter), QObject::tr("%1 menu").arg(plainText(action->text())),
                            QObject::tr("menu bar")});
        }
    }
    for (QTabWidget *tabs : window->findChildren<QTabWidget *>()) {
        for (int i = 0; i < tabs->count(); ++i) {
            if (const QChar letter = mnemonicOf(tabs->tabText(i)); !letter.isNull())
                out.append({altKey(letter),
                            QObject::tr("%1 tab").arg(plainText(tabs->tabText(i))),
                            QObject::tr("tabs")});
        }
    }
    for (QAbstractButton *button : window->findChildren<QAbstractButton *>())
        add(button->text(), button);
    for (QGroupBox *box : window->findChildren<QGroupBox *>())
        add(box->title(), box);
    for (QLabel *label : window->findChildren<QLabel *>()) {
        if (label->buddy())
            add(label->text(), label);
    }
    // A mnemonic of a widget on a tab not shown acts when its tab is: all are kept.
    return out;
}

QList<KeyboardShortcut> all(QWidget *window)
{
    QList<KeyboardShortcut> out;
    for (QMenuBar *bar : window->findChildren<QMenuBar *>()) {
        for (QAction *action : bar->actions()) {
            if (action->menu())
                addMenu(out, action->menu());
        }
    }
    // Actions with a shortcut that live outside the menus.
    for (QAction *action : window->findChildren<QAction *>()) {
        if (action->shortcut().isEmpty() || action->menu())
            continue;
        const QString keys = action->shortcut().toString(QKeySequence::NativeText);
        const bool listed = std::any_of(out.cbegin(), out.cend(),
                                        [&](const KeyboardShortcut &k) { return k.keys == keys; });
        if (!listed)
            out.append({keys, plainText(action->text()), QObject::tr("window")});
    }
    for (QShortcut *shortcut : window->findChildren<QShortcut *>()) {
        if (shortcut->key().isEmpty())
            continue;
        const auto *owner = qobject_cast<const QWidget *>(shortcut->parent());
        out.append({shortcut->key().toString(QKeySequence::NativeText),
                    shortcut->whatsThis().isEmpty() ? QObject::tr("(no description)")
                                                    : shortcut->whatsThis(),
                    owner ? placeOf(owner) : QObject::tr("window")});
    }
    out.append(windowMnemonics(window));
    return out;
}

} // namespace golive::KeyboardShortcuts
