#include "src/common/JsonObjectReader.h"

#include "src/common/UrlText.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <cmath>
#include <limits>

namespace golive {

namespace {

// Levenshtein distance, to suggest the key a typo probably meant.
int editDistance(const QString &a, const QString &b)
{
    QList<int> previous(b.size() + 1);
    QList<int> current(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        previous[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        current[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
}

// Whole numbers in full (a person wrote 10000000, not 1e+07), others as short as exact.
QString number(double value)
{
    if (value == std::floor(value) && std::abs(value) < 1e15)
        return QString::number(qint64(value));
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

} // namespace

QString JsonObjectReader::expected(const QString &what, const QJsonValue &found)
{
    return QStringLiteral("expected %1, found %2").arg(what, describe(found));
}

JsonObjectReader::JsonObjectReader(QJsonObject object, QString path, QStringList *problems)
    : m_object(std::move(object)), m_path(std::move(path)), m_problems(problems)
{
}

QString JsonObjectReader::pathOf(const QString &key) const
{
    // Ids such as `prod-key` or `select-rollback-target` read plainly; anything else is quoted.
    static const QRegularExpression plain(QStringLiteral("\\A[A-Za-z0-9_][A-Za-z0-9_-]*\\z"));
    if (!plain.match(key).hasMatch())
        return m_path + QStringLiteral("[%1]").arg(describe(QJsonValue(key)));
    return m_path.isEmpty() ? key : m_path + QLatin1Char('.') + key;
}

void JsonObjectReader::addProblem(const QString &key, const QString &what)
{
    m_problems->append(QStringLiteral("%1: %2").arg(pathOf(key), what));
}

std::optional<QJsonValue> JsonObjectReader::member(const QString &key)
{
    m_known.insert(key);
    const auto it = m_object.constFind(key);
    if (it == m_object.constEnd())
        return std::nullopt;
    return *it;
}

std::optional<JsonObjectReader> JsonObjectReader::object(const QString &key)
{
    const auto value = member(key);
    if (!value)
        return std::nullopt;
    if (!value->isObject()) {
        addProblem(key, expected(QStringLiteral("an object"), *value));
        return std::nullopt;
    }
    return JsonObjectReader(value->toObject(), pathOf(key), m_problems);
}

std::optional<QJsonArray> JsonObjectReader::array(const QString &key)
{
    const auto value = member(key);
    if (!value)
        return std::nullopt;
    if (!value->isArray()) {
        addProblem(key, expected(QStringLiteral("an array"), *value));
        return std::nullopt;
    }
    return value->toArray();
}

QList<JsonObjectReader> JsonObjectReader::objectsIn(const QString &key)
{
    QList<JsonObjectReader> objects;
    const auto elements = array(key);
    if (!elements)
        return objects;
    for (qsizetype i = 0; i < elements->size(); ++i) {
        const QString elementPath = QStringLiteral("%1[%2]").arg(pathOf(key)).arg(i);
        if (!elements->at(i).isObject()) {
            m_problems->append(QStringLiteral("%1: %2").arg(
                elementPath, expected(QStringLiteral("an object"), elements->at(i))));
            continue;
        }
        objects.append(JsonObjectReader(elements->at(i).toObject(), elementPath, m_problems));
    }
    return objects;
}

bool JsonObjectReader::require(const QString &key)
{
    m_known.insert(key);
    if (m_object.contains(key))
        return true;
    const QString missing = QStringLiteral("missing \"%1\"").arg(key);
    m_problems->append(m_path.isEmpty() ? missing : QStringLiteral("%1: %2").arg(m_path, missing));
    return false;
}

bool JsonObjectReader::isNull(const QString &key)
{
    const auto value = member(key);
    return value && value->isNull();
}

void JsonObjectReader::readString(const QString &key, QString &target, const Check &check)
{
    const auto value = member(key);
    if (!value)
        return;
    if (!value->isString()) {
        addProblem(key, expected(QStringLiteral("a string"), *value));
        return;
    }
    const QString text = value->toString();
    if (check) {
        if (const auto problem = check(text)) {
            addProblem(key, *problem);
            return;
        }
    }
    target = text;
}

void JsonObjectReader::readStringList(const QString &key, QStringList &target, int minCount,
                                      int maxCount, const Check &checkEach)
{
    const auto value = member(key);
    if (!value)
        return;
    if (!value->isArray()) {
        addProblem(key, expected(QStringLiteral("an array of strings"), *value));
        return;
    }
    const QJsonArray array = value->toArray();
    if (array.size() < minCount || array.size() > maxCount) {
        addProblem(key, QStringLiteral("expected %1 to %2 entries, found %3")
                            .arg(minCount)
                            .arg(maxCount)
                            .arg(array.size()));
        return;
    }
    QStringList list;
    bool good = true;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString itemPath = QStringLiteral("%1[%2]").arg(pathOf(key)).arg(i);
        if (!array[i].isString()) {
            m_problems->append(QStringLiteral("%1: %2").arg(
                itemPath, expected(QStringLiteral("a string"), array[i])));
            good = false;
            continue;
        }
        const QString item = array[i].toString();
        if (checkEach) {
            if (const auto problem = checkEach(item)) {
                m_problems->append(QStringLiteral("%1: %2").arg(itemPath, *problem));
                good = false;
                continue;
            }
        }
        if (list.contains(item)) {
            m_problems->append(
                QStringLiteral("%1: %2 is listed twice").arg(itemPath, describe(item)));
            good = false;
            continue;
        }
        list.append(item);
    }
    if (good)
        target = list;
}

void JsonObjectReader::readUrl(const QString &key, QUrl &target, bool allowEmpty)
{
    const auto value = member(key);
    if (!value)
        return;
    if (!value->isString()) {
        addProblem(key, expected(QStringLiteral("a URL string"), *value));
        return;
    }
    const QString text = value->toString();
    if (text.isEmpty()) {
        if (allowEmpty)
            target = QUrl();
        else
            addProblem(key, QStringLiteral("a URL is required here"));
        return;
    }
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme();
    if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        // Shown with any password masked: the value may be ftp://user:SECRET@host/.
        addProblem(key, expected(QStringLiteral("an http:// or https:// URL"),
                                 QJsonValue(displayUrlText(text))));
        return;
    }
    if (url.host().isEmpty()) {
        addProblem(key, QStringLiteral("the URL %1 names no host")
                            .arg(describe(QJsonValue(displayUrlText(text)))));
        return;
    }
    if (!url.userInfo().isEmpty()) {
        // A password in a repo file is a leak; say so without repeating it.
        addProblem(key, QStringLiteral("the URL must not carry a user name or password"));
        return;
    }
    target = url;
}

std::optional<QJsonValue> JsonObjectReader::numberMember(const QString &key)
{
    const auto value = member(key);
    if (value && !value->isDouble()) {
        addProblem(key, expected(QStringLiteral("a number"), *value));
        return std::nullopt;
    }
    return value;
}

void JsonObjectReader::readInt64(const QString &key, qint64 &target, qint64 min, qint64 max)
{
    const auto value = numberMember(key);
    if (!value)
        return;
    const double number = value->toDouble();
    if (number != std::floor(number)) {
        addProblem(key, expected(QStringLiteral("a whole number"), *value));
        return;
    }
    if (number < double(min) || number > double(max)) {
        addProblem(key, QStringLiteral("must be from %1 to %2, found %3")
                            .arg(min)
                            .arg(max)
                            .arg(describe(*value)));
        return;
    }
    target = qint64(number);
}

void JsonObjectReader::readInt(const QString &key, int &target, int min, int max)
{
    qint64 wide = target;
    readInt64(key, wide, min, max);
    target = int(wide);
}

void JsonObjectReader::readDouble(const QString &key, double &target, double min, double max)
{
    const auto value = numberMember(key);
    if (!value)
        return;
    const double number = value->toDouble();
    if (!std::isfinite(number) || number < min || number > max) {
        addProblem(key, QStringLiteral("must be from %1 to %2, found %3")
                            .arg(golive::number(min), golive::number(max), describe(*value)));
        return;
    }
    target = number;
}

void JsonObjectReader::readBool(const QString &key, bool &target)
{
    const auto value = member(key);
    if (!value)
        return;
    if (!value->isBool()) {
        addProblem(key, expected(QStringLiteral("true or false"), *value));
        return;
    }
    target = value->toBool();
}

void JsonObjectReader::readUtcTime(const QString &key, QDateTime &target)
{
    const auto value = member(key);
    if (!value || value->isNull())
        return;
    if (!value->isString()) {
        addProblem(key, expected(QStringLiteral("an ISO 8601 time or null"), *value));
        return;
    }
    const QDateTime time = QDateTime::fromString(value->toString(), Qt::ISODateWithMs);
    if (!time.isValid()) {
        addProblem(key, expected(QStringLiteral("an ISO 8601 time"), *value));
        return;
    }
    target = time.toUTC();
}

void JsonObjectReader::reportUnknownKeys()
{
    for (const QString &key : m_object.keys()) {
        if (m_known.contains(key))
            continue;
        QString closest;
        int best = std::numeric_limits<int>::max();
        for (const QString &known : m_known) {
            const int distance = editDistance(key, known);
            if (distance < best || (distance == best && known < closest)) {
                best = distance;
                closest = known;
            }
        }
        if (!closest.isEmpty() && best <= std::max<int>(2, int(key.size()) / 4))
            addProblem(key, QStringLiteral("unknown key (did you mean \"%1\"?)").arg(closest));
        else
            addProblem(key, QStringLiteral("unknown key"));
    }
}

QString JsonObjectReader::describe(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String: {
        QString text = value.toString();
        if (text.size() > 40)
            text = text.left(37) + QStringLiteral("...");
        text.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
        text.replace(QLatin1Char('"'), QStringLiteral("\\\""));
        for (qsizetype i = 0; i < text.size(); ++i) {
            if (text[i].category() == QChar::Other_Control) {
                const QString escaped =
                    QStringLiteral("\\u%1").arg(text[i].unicode(), 4, 16, QLatin1Char('0'));
                text.replace(i, 1, escaped);
                i += escaped.size() - 1;
            }
        }
        return QLatin1Char('"') + text + QLatin1Char('"');
    }
    case QJsonValue::Double:
        return number(value.toDouble());
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

} // namespace golive
