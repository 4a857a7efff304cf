#pragma once

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

    void readString(const QString &key, QString &target, const Check &check = {});
    void readStringList(const QString &key, QStringList &target, int minCount, int maxCount,
                        const Check &checkEach = {});
    void readUrl(const QString &key, QUrl &target, bool allowEmpty);
    void readInt(const QString &key, int &target, int min, int max);
    void readInt64(const QString &key, qint64 &target, qint64 min, qint64 max);
    void readDouble(const QString &key, double &target, double min, double max);
    void readBool(const QString &key, bool &target);

    // Members of an object whose keys are data (e.g. model ids), not schema.
    QStringList memberKeys() const { return m_object.keys(); }
    bool contains(const QString &key) const { return m_object.contains(key); }

    void reportUnknownKeys();

    // How a value is shown in a message: strings quoted and shortened, containers by kind.
    static QString describe(const QJsonValue &value);

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
