#include "src/rollout/RunbookLoader.h"

#include "src/common/AtomicFile.h"
#include "src/common/JsonObjectReader.h"
#include "src/rollout/ArgumentTemplate.h"
#include "src/rollout/KubectlAllowlist.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <limits>

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

std::optional<QString> nonEmpty(const QString &value)
{
    if (value.trimmed().isEmpty())
        return QStringLiteral("expected a non-empty string");
    return std::nullopt;
}

std::optional<QString> identifier(const QString &value)
{
    if (!isIdentifier(value))
        return QStringLiteral("\"%1\" is not a valid id: use lowercase letters, digits and '-'")
            .arg(value);
    return std::nullopt;
}

// Reads a runbook through the common JsonObjectReader (types, missing members, unknown keys, all
// with their JSON path) and adds what only a runbook can get wrong. A problem inside a step is
// named by the step's id too: `step "deploy" at steps[1].gate: ...`.
class Validator {
public:
    QStringList problems;

    void add(const QString &where, const QString &what)
    {
        problems << where + QStringLiteral(": ") + what;
    }

    Runbook runbook(const QJsonObject &root)
    {
        Runbook book;
        JsonObjectReader reader(root, QString(), &problems);
        qint64 version = 1;
        reader.readInt64(QStringLiteral("version"), version, 0, std::numeric_limits<int>::max());
        if (version != 1)
            add(QStringLiteral("version"), QStringLiteral("only version 1 is understood"));
        reader.readString(QStringLiteral("name"), book.name);
        QSet<QString> seen;
        QSet<QString> roles;
        if (reader.require(QStringLiteral("steps"))) {
            if (root.value(QLatin1String("steps")) == QJsonValue(QJsonArray()))
                add(QStringLiteral("steps"), QStringLiteral("expected a non-empty list of steps"));
            for (JsonObjectReader &stepReader : reader.objectsIn(QStringLiteral("steps"))) {
                const qsizetype firstProblem = problems.size();
                RunbookStep s = step(stepReader);
                const QString &where = stepReader.path();
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
                for (qsizetype i = firstProblem; i < problems.size() && !s.id.isEmpty(); ++i)
                    problems[i] = QStringLiteral("step \"%1\" at %2").arg(s.id, problems[i]);
                book.steps << s;
            }
        }
        reader.reportUnknownKeys();
        if (!roles.contains(steprole::rollback))
            add(QStringLiteral("steps"),
                QStringLiteral("no rollback step (id \"rollback\" or \"role\": \"rollback\"); "
                               "golive keeps rollback one click away, so every runbook needs one"));
        return book;
    }

private:
    RunbookStep step(JsonObjectReader &o)
    {
        RunbookStep s;
        const QString where = o.path();
        if (o.require(QStringLiteral("id")))
            o.readString(QStringLiteral("id"), s.id, identifier);
        if (o.require(QStringLiteral("title")))
            o.readString(QStringLiteral("title"), s.title, nonEmpty);
        o.readString(QStringLiteral("role"), s.role, [](const QString &role) {
            return steprole::all.contains(role)
                       ? std::nullopt
                       : std::optional<QString>(
                             QStringLiteral("unknown role \"%1\" (allowed: %2)")
                                 .arg(role, steprole::all.join(QStringLiteral(", "))));
        });
        if (s.id == kRollbackId && !s.role.isEmpty() && s.role != steprole::rollback)
            add(where + QStringLiteral(".role"),
                QStringLiteral("the \"rollback\" step can only have the role \"rollback\""));
        // Runbooks from before roles: the step named "rollback" is the rollback.
        if (s.id == kRollbackId && s.role.isEmpty())
            s.role = steprole::rollback;

        if (o.require(QStringLiteral("mutates")))
            o.readBool(QStringLiteral("mutates"), s.mutates);

        if (!o.isNull(QStringLiteral("gate")))
            o.readString(QStringLiteral("gate"), s.gate, nonEmpty);
        if (!s.gate.isEmpty() && s.role == steprole::rollback)
            add(where + QStringLiteral(".gate"),
                QStringLiteral("rollback is never gated; remove the gate"));

        o.readStringList(
            QStringLiteral("preconditions"), s.preconditions, 0, 100, [](const QString &name) {
                return isIdentifier(name) ? std::nullopt
                                          : std::optional<QString>(QStringLiteral(
                                                "expected a name of lowercase letters, digits "
                                                "and '-'"));
            });
        if (!s.preconditions.isEmpty() && s.role == steprole::rollback)
            add(where + QStringLiteral(".preconditions"),
                QStringLiteral("rollback must always be possible; remove its preconditions"));

        if (!s.mutates || o.require(QStringLiteral("confirm")))
            o.readString(QStringLiteral("confirm"), s.confirm, nonEmpty);

        o.readInt(QStringLiteral("timeout_s"), s.timeoutSeconds, 1,
                  RunbookLoader::kMaxTimeoutSeconds);

        if (o.require(QStringLiteral("actions"))) {
            if (const auto list = o.array(QStringLiteral("actions"))) {
                for (qsizetype i = 0; i < list->size(); ++i)
                    s.actions << action(where + QStringLiteral(".actions[%1]").arg(i), list->at(i),
                                        s);
                rollbackOrder(where + QStringLiteral(".actions"), s);
                if (list->isEmpty() && s.preconditions.isEmpty())
                    add(where + QStringLiteral(".actions"),
                        QStringLiteral("the step has neither actions nor preconditions"));
            }
        }

        if (auto expect = o.object(QStringLiteral("expect")))
            s.expect = expectation(*expect, s.mutates);
        o.reportUnknownKeys();
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
            JsonObjectReader watch(value.toObject(), where + QStringLiteral(".watch"), &problems);
            double minutes = 0; // "above 0": a zero-minute watch is no watch
            watch.readDouble(QStringLiteral("minutes"), minutes, 0,
                             RunbookLoader::kMaxWatchMinutes);
            watch.reportUnknownKeys();
            if (minutes <= 0)
                add(watch.pathOf(QStringLiteral("minutes")),
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

    StepExpectation expectation(JsonObjectReader &o, bool mutates)
    {
        StepExpectation e;
        if (!mutates)
            add(o.path(),
                QStringLiteral("only a mutating step is read back, so only it can expect"));
        o.readBool(QStringLiteral("canary"), e.canary);
        o.readBool(QStringLiteral("restored"), e.restored);
        if (o.contains(QStringLiteral("paused"))) {
            bool paused = false;
            o.readBool(QStringLiteral("paused"), paused);
            e.paused = paused;
        }
        QString changed;
        o.readString(QStringLiteral("changed"), changed, [](const QString &value) {
            static const QStringList known = {QStringLiteral("revision"), QStringLiteral("image"),
                                              QStringLiteral("revision-or-image")};
            return known.contains(value) ? std::nullopt
                                         : std::optional<QString>(
                                               QStringLiteral("expected \"revision\", \"image\" or "
                                                              "\"revision-or-image\""));
        });
        if (changed == QLatin1String("revision"))
            e.change = StepExpectation::Change::Revision;
        else if (changed == QLatin1String("image"))
            e.change = StepExpectation::Change::Image;
        else if (changed == QLatin1String("revision-or-image"))
            e.change = StepExpectation::Change::RevisionOrImage;
        o.reportUnknownKeys();
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
