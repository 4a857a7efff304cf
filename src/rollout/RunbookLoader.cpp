#include "src/rollout/RunbookLoader.h"

#include "src/common/AtomicFile.h"
#include "src/rollout/ArgumentTemplate.h"
#include "src/rollout/KubectlAllowlist.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <cmath>

namespace golive {

namespace {

const QString kRollbackId = QStringLiteral("rollback");

bool isIdentifier(const QString &s)
{
    static const QRegularExpression id(QStringLiteral("^[a-z0-9][a-z0-9-]*$"));
    return id.match(s).hasMatch();
}

// Flags that pick the cluster, namespace or identity: only the profile may set those.
bool choosesTarget(const QString &arg)
{
    static const QStringList longFlags = {
        QStringLiteral("--context"), QStringLiteral("--namespace"), QStringLiteral("--kubeconfig"),
        QStringLiteral("--cluster"), QStringLiteral("--server"),    QStringLiteral("--user"),
        QStringLiteral("--token"),   QStringLiteral("--as"),        QStringLiteral("--as-group")};
    for (const QString &flag : longFlags) {
        if (arg == flag || arg.startsWith(flag + QLatin1Char('=')))
            return true;
    }
    // Short forms, including pflag's glued "-nshop" and "-n=shop".
    return arg.startsWith(QLatin1String("-n")) || arg.startsWith(QLatin1String("-s"));
}

QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("a list");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("missing");
}

class Validator {
public:
    QStringList problems;

    void add(const QString &where, const QString &what)
    {
        problems << (m_step.isEmpty() ? where
                                      : QStringLiteral("step \"%1\" at %2").arg(m_step, where)) +
                        QStringLiteral(": ") + what;
    }

    void unknownKeys(const QString &where, const QJsonObject &o, const QStringList &allowed)
    {
        for (const QString &key : o.keys()) {
            if (!allowed.contains(key))
                add(where, QStringLiteral("unknown key \"%1\" (allowed: %2)")
                               .arg(key, allowed.join(QStringLiteral(", "))));
        }
    }

    Runbook runbook(const QJsonObject &root)
    {
        Runbook book;
        unknownKeys(QStringLiteral("the top level"), root,
                    {QStringLiteral("version"), QStringLiteral("name"), QStringLiteral("steps")});
        if (root.contains(QLatin1String("version")) && root.value(QLatin1String("version")) != 1)
            add(QStringLiteral("version"), QStringLiteral("only version 1 is understood"));
        book.name = root.value(QLatin1String("name")).toString();
        const QJsonValue steps = root.value(QLatin1String("steps"));
        if (!steps.isArray() || steps.toArray().isEmpty()) {
            add(QStringLiteral("steps"),
                QStringLiteral("expected a non-empty list of steps, found %1")
                    .arg(typeName(steps)));
            return book;
        }
        QSet<QString> seen;
        QSet<QString> roles;
        const QJsonArray array = steps.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QString where = QStringLiteral("steps[%1]").arg(i);
            m_step.clear();
            if (!array.at(i).isObject()) {
                add(where,
                    QStringLiteral("expected an object, found %1").arg(typeName(array.at(i))));
                continue;
            }
            RunbookStep s = step(where, array.at(i).toObject());
            if (!s.id.isEmpty()) {
                if (seen.contains(s.id))
                    add(where + QStringLiteral(".id"),
                        QStringLiteral("duplicate id; step ids must be unique"));
                seen.insert(s.id);
            }
            if (!s.role.isEmpty()) {
                if (roles.contains(s.role))
                    add(where + QStringLiteral(".role"),
                        QStringLiteral("another step already has the role \"%1\"").arg(s.role));
                roles.insert(s.role);
            }
            book.steps << s;
        }
        m_step.clear();
        if (!roles.contains(steprole::rollback))
            add(QStringLiteral("steps"),
                QStringLiteral("no rollback step (id \"rollback\" or \"role\": \"rollback\"); "
                               "golive keeps rollback one click away, so every runbook needs one"));
        return book;
    }

private:
    QString m_step; // id of the step being read, for messages

    QString string(const QString &where, const QJsonObject &o, const QString &key, bool required)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined()) {
            if (required)
                add(where, QStringLiteral("missing \"%1\"").arg(key));
            return {};
        }
        if (!v.isString() || v.toString().trimmed().isEmpty()) {
            add(where + QLatin1Char('.') + key,
                QStringLiteral("expected a non-empty string, found %1").arg(typeName(v)));
            return {};
        }
        return v.toString();
    }

    RunbookStep step(const QString &where, const QJsonObject &o)
    {
        RunbookStep s;
        s.id = string(where, o, QStringLiteral("id"), true);
        if (!s.id.isEmpty() && !isIdentifier(s.id)) {
            add(where + QStringLiteral(".id"),
                QStringLiteral("\"%1\" is not a valid id: use lowercase letters, digits and '-'")
                    .arg(s.id));
            s.id.clear();
        }
        m_step = s.id;
        unknownKeys(where, o,
                    {QStringLiteral("id"), QStringLiteral("title"), QStringLiteral("role"),
                     QStringLiteral("mutates"), QStringLiteral("gate"),
                     QStringLiteral("preconditions"), QStringLiteral("confirm"),
                     QStringLiteral("timeout_s"), QStringLiteral("actions"),
                     QStringLiteral("expect")});
        s.title = string(where, o, QStringLiteral("title"), true);
        s.role = string(where, o, QStringLiteral("role"), false);
        if (!s.role.isEmpty() && !steprole::all.contains(s.role)) {
            add(where + QStringLiteral(".role"),
                QStringLiteral("unknown role \"%1\" (allowed: %2)")
                    .arg(s.role, steprole::all.join(QStringLiteral(", "))));
            s.role.clear();
        }
        if (s.id == kRollbackId && !s.role.isEmpty() && s.role != steprole::rollback)
            add(where + QStringLiteral(".role"),
                QStringLiteral("the \"rollback\" step can only have the role \"rollback\""));
        // Runbooks from before roles: the step named "rollback" is the rollback.
        if (s.id == kRollbackId && s.role.isEmpty())
            s.role = steprole::rollback;

        const QJsonValue mutates = o.value(QLatin1String("mutates"));
        if (mutates.isUndefined())
            add(where, QStringLiteral("missing \"mutates\""));
        else if (!mutates.isBool())
            add(where + QStringLiteral(".mutates"),
                QStringLiteral("expected true or false, found %1").arg(typeName(mutates)));
        s.mutates = mutates.toBool();

        const QJsonValue gate = o.value(QLatin1String("gate"));
        if (!gate.isUndefined() && !gate.isNull())
            s.gate = string(where, o, QStringLiteral("gate"), false);
        if (!s.gate.isEmpty() && s.role == steprole::rollback)
            add(where + QStringLiteral(".gate"),
                QStringLiteral("rollback is never gated; remove the gate"));

        const QJsonValue pre = o.value(QLatin1String("preconditions"));
        if (!pre.isUndefined()) {
            if (!pre.isArray())
                add(where + QStringLiteral(".preconditions"),
                    QStringLiteral("expected a list of names, found %1").arg(typeName(pre)));
            const QJsonArray names = pre.toArray();
            for (qsizetype i = 0; i < names.size(); ++i) {
                if (names.at(i).isString() && isIdentifier(names.at(i).toString()))
                    s.preconditions << names.at(i).toString();
                else
                    add(where + QStringLiteral(".preconditions[%1]").arg(i),
                        QStringLiteral("expected a name of lowercase letters, digits and '-'"));
            }
        }

        if (!s.preconditions.isEmpty() && s.role == steprole::rollback)
            add(where + QStringLiteral(".preconditions"),
                QStringLiteral("rollback must always be possible; remove its preconditions"));

        s.confirm = string(where, o, QStringLiteral("confirm"), s.mutates);

        const QJsonValue timeout = o.value(QLatin1String("timeout_s"));
        if (!timeout.isUndefined()) {
            const double t = timeout.toDouble(-1);
            if (!timeout.isDouble() || t < 1 || t > RunbookLoader::kMaxTimeoutSeconds ||
                std::floor(t) != t)
                add(where + QStringLiteral(".timeout_s"),
                    QStringLiteral("expected whole seconds from 1 to %1")
                        .arg(RunbookLoader::kMaxTimeoutSeconds));
            else
                s.timeoutSeconds = static_cast<int>(t);
        }

        const QJsonValue actions = o.value(QLatin1String("actions"));
        if (actions.isUndefined()) {
            add(where, QStringLiteral("missing \"actions\""));
        } else if (!actions.isArray()) {
            add(where + QStringLiteral(".actions"),
                QStringLiteral("expected a list, found %1").arg(typeName(actions)));
        } else {
            const QJsonArray list = actions.toArray();
            for (qsizetype i = 0; i < list.size(); ++i)
                s.actions << action(where + QStringLiteral(".actions[%1]").arg(i), list.at(i), s);
            rollbackOrder(where + QStringLiteral(".actions"), s);
            if (list.isEmpty() && s.preconditions.isEmpty())
                add(where + QStringLiteral(".actions"),
                    QStringLiteral("the step has neither actions nor preconditions"));
        }

        const QJsonValue expect = o.value(QLatin1String("expect"));
        if (!expect.isUndefined())
            s.expect = expectation(where + QStringLiteral(".expect"), expect, s.mutates);
        return s;
    }

    RunbookAction action(const QString &where, const QJsonValue &v, const RunbookStep &s)
    {
        RunbookAction a;
        const QJsonObject o = v.toObject();
        if (!v.isObject() || o.size() != 1) {
            add(where, QStringLiteral("expected an object with exactly one of \"kubectl\", "
                                      "\"watch\", \"health\", \"readback\", "
                                      "\"select-rollback-target\", \"restore-template\""));
            return a;
        }
        const QString key = o.constBegin().key();
        const QJsonValue value = o.constBegin().value();
        if (key == QLatin1String("kubectl")) {
            a.kind = RunbookAction::Kind::Kubectl;
            kubectl(where + QStringLiteral(".kubectl"), value, s, a);
        } else if (key == QLatin1String("watch")) {
            a.kind = RunbookAction::Kind::Watch;
            const QJsonObject w = value.toObject();
            unknownKeys(where + QStringLiteral(".watch"), w, {QStringLiteral("minutes")});
            const double minutes = w.value(QLatin1String("minutes")).toDouble(-1);
            if (!value.isObject() || !w.value(QLatin1String("minutes")).isDouble() ||
                minutes <= 0 || minutes > RunbookLoader::kMaxWatchMinutes)
                add(where + QStringLiteral(".watch.minutes"),
                    QStringLiteral("expected a number of minutes above 0 and at most %1")
                        .arg(RunbookLoader::kMaxWatchMinutes));
            else
                a.watchMinutes = minutes;
        } else if (key == QLatin1String("health")) {
            a.kind = RunbookAction::Kind::Health;
            static const QStringList targets = {QStringLiteral("production"),
                                                QStringLiteral("staging"),
                                                QStringLiteral("status-page")};
            if (!targets.contains(value.toString()))
                add(where + QStringLiteral(".health"),
                    QStringLiteral("expected one of %1").arg(targets.join(QStringLiteral(", "))));
            else
                a.healthTarget = value.toString();
        } else if (key == QLatin1String("readback")) {
            a.kind = RunbookAction::Kind::Readback;
            if (value != QJsonValue(true))
                add(where + QStringLiteral(".readback"), QStringLiteral("expected true"));
        } else if (key == QLatin1String("select-rollback-target") ||
                   key == QLatin1String("restore-template")) {
            a.kind = key == QLatin1String("restore-template")
                         ? RunbookAction::Kind::RestoreTemplate
                         : RunbookAction::Kind::SelectRollbackTarget;
            if (value != QJsonValue(true))
                add(where + QLatin1Char('.') + key, QStringLiteral("expected true"));
            if (!s.mutates && a.kind == RunbookAction::Kind::RestoreTemplate)
                add(where, QStringLiteral("restore-template changes the deployment; the step "
                                          "must be marked \"mutates\": true"));
        } else {
            add(where, QStringLiteral("unknown action \"%1\" (allowed: kubectl, watch, health, "
                                      "readback, select-rollback-target, restore-template)")
                           .arg(key));
        }
        return a;
    }

    // The target is chosen before anything changes, and a template is restored only to a chosen
    // target: otherwise a missing revision would be found out half-way through a rollback.
    void rollbackOrder(const QString &where, const RunbookStep &s)
    {
        qsizetype firstKubectl = -1;
        qsizetype select = -1;
        for (qsizetype i = 0; i < s.actions.size(); ++i) {
            const RunbookAction::Kind kind = s.actions.at(i).kind;
            if (kind == RunbookAction::Kind::Kubectl && firstKubectl < 0)
                firstKubectl = i;
            if (kind == RunbookAction::Kind::SelectRollbackTarget) {
                if (select >= 0)
                    add(where + QStringLiteral("[%1]").arg(i),
                        QStringLiteral("the rollback target is selected once per step"));
                else if (firstKubectl >= 0)
                    add(where + QStringLiteral("[%1]").arg(i),
                        QStringLiteral("select-rollback-target must come before every kubectl "
                                       "action, so a missing target refuses the step before "
                                       "anything changed"));
                select = i;
            }
            if (kind == RunbookAction::Kind::RestoreTemplate && select < 0)
                add(where + QStringLiteral("[%1]").arg(i),
                    QStringLiteral("restore-template needs a select-rollback-target before it"));
        }
    }

    void kubectl(const QString &where, const QJsonValue &v, const RunbookStep &s, RunbookAction &a)
    {
        const qsizetype problemsBefore = problems.size();
        const QJsonArray list = v.toArray();
        if (!v.isArray() || list.isEmpty()) {
            add(where, QStringLiteral("expected a non-empty list of arguments"));
            return;
        }
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QString at = where + QStringLiteral("[%1]").arg(i);
            const QString arg = list.at(i).toString();
            if (!list.at(i).isString() || arg.isEmpty()) {
                add(at, QStringLiteral("expected a non-empty string"));
                continue;
            }
            if (const auto names = ArgumentTemplate::placeholdersIn(arg); !names)
                add(at, names.error().message);
            if (i == 0 && arg.startsWith(QLatin1Char('-')))
                add(at, QStringLiteral("the first argument must be a kubectl command, not an "
                                       "option"));
            else if (arg == QLatin1String("--"))
                add(at, QStringLiteral("\"--\" would make kubectl ignore the profile's "
                                       "--context and --namespace"));
            else if (i > 0 && choosesTarget(arg))
                add(at, QStringLiteral("\"%1\" picks the cluster, namespace or identity; golive "
                                       "sets those from the profile, so remove it")
                            .arg(arg));
            a.args << arg;
        }
        if (problems.size() != problemsBefore)
            return; // already refused argument by argument
        const auto command = KubectlAllowlist::check(a.args);
        if (!command)
            add(where, command.error().message);
        else if (!s.mutates && command.value().mutates)
            add(where, QStringLiteral("the step is marked \"mutates\": false but runs \"kubectl "
                                      "%1\", which changes the cluster")
                           .arg(command.value().name));
    }

    StepExpectation expectation(const QString &where, const QJsonValue &v, bool mutates)
    {
        StepExpectation e;
        if (!v.isObject()) {
            add(where, QStringLiteral("expected an object, found %1").arg(typeName(v)));
            return e;
        }
        if (!mutates)
            add(where, QStringLiteral("only a mutating step is read back, so only it can expect"));
        const QJsonObject o = v.toObject();
        unknownKeys(where, o,
                    {QStringLiteral("paused"), QStringLiteral("changed"), QStringLiteral("canary"),
                     QStringLiteral("restored")});
        for (const char *flag : {"canary", "restored"}) {
            const QJsonValue value = o.value(QLatin1String(flag));
            if (!value.isUndefined() && !value.isBool())
                add(where + QLatin1Char('.') + QLatin1String(flag),
                    QStringLiteral("expected true or false"));
        }
        e.canary = o.value(QLatin1String("canary")).toBool(false);
        e.restored = o.value(QLatin1String("restored")).toBool(false);
        const QJsonValue paused = o.value(QLatin1String("paused"));
        if (paused.isBool())
            e.paused = paused.toBool();
        else if (!paused.isUndefined())
            add(where + QStringLiteral(".paused"), QStringLiteral("expected true or false"));
        const QJsonValue changedValue = o.value(QLatin1String("changed"));
        const QString changed = changedValue.toString();
        if (changed == QLatin1String("revision"))
            e.change = StepExpectation::Change::Revision;
        else if (changed == QLatin1String("image"))
            e.change = StepExpectation::Change::Image;
        else if (changed == QLatin1String("revision-or-image"))
            e.change = StepExpectation::Change::RevisionOrImage;
        else if (!changedValue.isUndefined())
            add(where + QStringLiteral(".changed"),
                QStringLiteral("expected \"revision\", \"image\" or \"revision-or-image\""));
        return e;
    }
};

} // namespace

Result<Runbook> RunbookLoader::fromJson(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error{QStringLiteral("parse"), QStringLiteral("The runbook is not valid JSON: %1 at "
                                                             "byte %2.")
                                                  .arg(parseError.errorString())
                                                  .arg(parseError.offset)};
    if (!doc.isObject())
        return Error{QStringLiteral("runbook"),
                     QStringLiteral("The runbook must be a JSON object with a \"steps\" list.")};
    Validator validator;
    Runbook book = validator.runbook(doc.object());
    if (!validator.problems.isEmpty())
        return Error{QStringLiteral("runbook"), QStringLiteral("The runbook was refused: ") +
                                                    validator.problems.join(QStringLiteral("; ")) +
                                                    QLatin1Char('.')};
    return book;
}

Result<Runbook> RunbookLoader::fromFile(const QString &path)
{
    const auto bytes = readFileCapped(path, kMaxFileBytes);
    if (!bytes)
        return bytes.error();
    auto book = fromJson(bytes.value());
    if (!book)
        return Error{book.error().kind, path + QStringLiteral(": ") + book.error().message};
    return book;
}

Result<Runbook> RunbookLoader::bundledDefault()
{
    return fromFile(QStringLiteral(":/golive/runbooks/default.json"));
}

} // namespace golive
