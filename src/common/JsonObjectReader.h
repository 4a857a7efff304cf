#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <optional>

namespace golive {

// Reads typed fields out of one JSON object while collecting every problem as
// "<json path>: <what was wrong>" instead of stopping at the first. A field that is absent keeps
// the value the caller passed in (the default); a field that is wrong leaves it untouched too,
// and the caller throws the whole result away when any problem was found.
//
// Every key asked about counts as known; reportUnknownKeys() then names the rest, so the schema
// is written once, in the reading code.
//
// The one JSON reader: the profile, the runbook and the checklist state all read through it, so
// a wrong type, a missing member or an unknown key is reported the same way, with its JSON path.
class JsonObjectReader {
public:
    // Returns a problem description for a bad value, or nullopt when it is acceptable.
    using Check = std::function<std::optional<QString>(const QString &)>;

    JsonObjectReader(QJsonObject object, QString path, QStringList *problems);

    // The path of a member, e.g. `alerts.rate_limited_per_min` or `alerts.prices["embed-v4.0"]`.
    QString pathOf(const QString &key) const;
    const QString &path() const { return m_path; }
    void addProblem(const QString &key, const QString &what);

    // A nested object; nullopt when it is absent or not an object (the latter is reported).
    std::optional<JsonObjectReader> object(const QString &key);
    // An array; nullopt when it is absent or not an array (the latter is reported).
    std::optional<QJsonArray> array(const QString &key);
    // The objects of an array, each reading at its own path (`steps[2]`); an element that is not
    // an object is reported and left out.
    QList<JsonObjectReader> objectsIn(const QString &key);

    // Reports `<path>: missing "key"` when the member is absent; true when it is present.
    bool require(const QString &key);
    // True when the member is present and null, which some fields allow to mean "none".
    bool isNull(const QString &key);

    void readString(const QString &key, QString &target, const Check &check = {});
    void readStringList(const QString &key, QStringList &target, int minCount, int maxCount,
                        const Check &checkEach = {});
    void readUrl(const QString &key, QUrl &target, bool allowEmpty);
    void readInt(const QString &key, int &target, int min, int max);
    void readInt64(const QString &key, qint64 &target, qint64 min, qint64 max);
    void readDouble(const QString &key, double &target, double min, double max);
    void readBool(const QString &key, bool &target);
    // An ISO 8601 time, kept in UTC; null, like absent, leaves the target as it is.
    void readUtcTime(const QString &key, QDateTime &target);

    // Members of an object whose keys are data (e.g. model ids), not schema.
    QStringList memberKeys() const { return m_object.keys(); }
    bool contains(const QString &key) const { return m_object.contains(key); }

    void reportUnknownKeys();

    // How a value is shown in a message: strings quoted and shortened, containers by kind.
    static QString describe(const QJsonValue &value);
    // "expected <what>, found <value>": the one wording of a wrong value.
    static QString expected(const QString &what, const QJsonValue &found);

private:
    std::optional<QJsonValue> member(const QString &key);
    // The member if it is present and a number; a present non-number is reported as a problem.
    std::optional<QJsonValue> numberMember(const QString &key);

    QJsonObject m_object;
    QString m_path;
    QStringList *m_problems;
    QSet<QString> m_known;
};

} // namespace golive
