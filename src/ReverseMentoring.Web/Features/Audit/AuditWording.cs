using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Audit;

/// <summary>
/// How the audit log reads to HR: record types and fields named as on the forms, values as the app shows them (status
/// names, people's and programs' names with their ids kept for hover, yes/no, days and times in the viewer's zone), and
/// the bookkeeping fields (keys, versions, hashes) left out.
/// </summary>
public static class AuditWording
{
    private static readonly Dictionary<string, string> Records = new(StringComparer.Ordinal)
    {
        [nameof(MentoringProgram)] = "Program",
        [nameof(CheckInQuestion)] = "Check-in question",
        [nameof(AppUser)] = "Profile",
    };

    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["SessionCadenceDays"] = "Pairs meet every (days)",
        ["SessionMinutes"] = "Session length (minutes)",
        ["MentorCapacity"] = "Mentees per mentor",
        ["PairResponseDays"] = "Days to answer a proposal",
        ["Matching.SkillWeight"] = "Matching weight: skills",
        ["Matching.AvailabilityWeight"] = "Matching weight: availability",
        ["Matching.TimeZoneWeight"] = "Matching weight: time zone",
        ["Matching.FormatWeight"] = "Matching weight: format",
        ["Matching.InterestWeight"] = "Matching weight: interests",
        ["Matching.MaxTimeZoneGapHours"] = "Largest time-zone gap (hours)",
        ["Matching.MinimumScorePercent"] = "Minimum score (%)",
        ["Matching.Objective"] = "Matching aims for",
        ["Matching.PreferCrossDepartment"] = "Prefer pairs from different departments",
        ["Matching.ReportingLineDepth"] = "Reporting-line rule reaches (levels; empty is the whole chain)",
        ["Matching.SeparateDepartments"] = "Never pair within one department",
        ["Matching.Mode"] = "Who makes the pairs",
        ["Matching.MaxMentorRequests"] = "Mentors a mentee may request",
        ["Matching.RequestAnswerDays"] = "Days to answer a request",
        ["Matching.PreferenceWeight"] = "Weight of a ranked choice",
        ["Matching.RemoveBlockingPairs"] = "Stable pairs",
        ["Matching.WaitingBonus"] = "Bonus for those who waited",
        ["Formats"] = "Formats",
        ["ScorePercent"] = "Score (%)",
        ["TimeZoneId"] = "Time zone",
        ["ManagerEmail"] = "Manager's e-mail",
        ["NotesSharedWithHr"] = "Notes shared with HR",
        ["DisplayName"] = "Name",
    };

    /// <summary>Fields only the database cares about.</summary>
    private static readonly HashSet<string> Hidden = new(StringComparer.Ordinal)
    {
        "Id", "Version", "CalendarSequence", "ConcurrencyStamp", "SecurityStamp", "StoredFileName", "SortOrder",
    };

    public static string Record(string entity) =>
        Records.TryGetValue(entity, out var label) ? label : AuditAction.Words(entity);

    public static bool Shown(string field) => !Hidden.Contains(field);

    public static string Field(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (Fields.TryGetValue(field, out var label))
        {
            return label;
        }

        var name = field[(field.LastIndexOf('.') + 1)..];
        name = name.EndsWith("Utc", StringComparison.Ordinal) ? name[..^3] : name;
        name = name switch
        {
            "UserId" => "Person",
            _ when name.EndsWith("ByUserId", StringComparison.Ordinal) => name[..^"UserId".Length],
            _ when name.EndsWith("EnrolmentId", StringComparison.Ordinal) && name.Length > "EnrolmentId".Length => name[..^"EnrolmentId".Length],
            _ when name.EndsWith("Id", StringComparison.Ordinal) && name.Length > 2 => name[..^2],
            _ => name,
        };
        return AuditAction.Words(name);
    }

    /// <summary>A value as shown: <see cref="Value.Hint"/> keeps the id behind a name for hover.</summary>
    public sealed record Value(string Text, string? Hint = null)
    {
        public static readonly Value None = new("");
    }

    /// <summary>Names for the ids on one page of the log, looked up in a few queries.</summary>
    public sealed class Names
    {
        public Dictionary<string, string> People { get; } = new(StringComparer.Ordinal);
        public Dictionary<int, string> Programs { get; } = [];
        public Dictionary<int, string> Enrolments { get; } = [];
        public Dictionary<int, string> Pairs { get; } = [];
        public Dictionary<int, string> Skills { get; } = [];
        public Dictionary<int, string> Topics { get; } = [];

        public static async Task<Names> ForAsync(AppDbContext db, IEnumerable<(string Field, JsonElement Value)> values, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(db);
            var all = values.ToList();
            List<int> Ints(Func<string, bool> field) => all.Where(v => field(v.Field) && v.Value.ValueKind == JsonValueKind.Number && v.Value.TryGetInt32(out _))
                .Select(v => v.Value.GetInt32()).Distinct().ToList();
            var names = new Names();
            var people = all.Where(v => IsPerson(v.Field) && v.Value.ValueKind == JsonValueKind.String).Select(v => v.Value.GetString()!).Distinct().ToList();
            foreach (var p in await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToListAsync(cancellationToken))
            {
                names.People[p.Id] = p.DisplayName;
            }

            var programs = Ints(f => Last(f) == "ProgramId");
            foreach (var p in await db.Programs.AsNoTracking().Where(p => programs.Contains(p.Id)).Select(p => new { p.Id, p.Name }).ToListAsync(cancellationToken))
            {
                names.Programs[p.Id] = p.Name;
            }

            var enrolments = Ints(f => Last(f).EndsWith("EnrolmentId", StringComparison.Ordinal));
            foreach (var e in await db.Enrolments.AsNoTracking().Where(e => enrolments.Contains(e.Id)).Select(e => new { e.Id, e.User!.DisplayName }).ToListAsync(cancellationToken))
            {
                names.Enrolments[e.Id] = e.DisplayName;
            }

            var pairs = Ints(f => Last(f) == "PairId");
            foreach (var p in await db.Pairs.AsNoTracking().Where(p => pairs.Contains(p.Id))
                .Select(p => new { p.Id, Mentor = p.MentorEnrolment!.User!.DisplayName, Mentee = p.MenteeEnrolment!.User!.DisplayName }).ToListAsync(cancellationToken))
            {
                names.Pairs[p.Id] = $"{p.Mentor} / {p.Mentee}";
            }

            var skills = Ints(f => Last(f) == "SkillId");
            foreach (var s in await db.Skills.AsNoTracking().Where(s => skills.Contains(s.Id)).Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken))
            {
                names.Skills[s.Id] = s.Name;
            }

            var topics = Ints(f => Last(f) == "ProgramTopicId");
            foreach (var t in await db.ProgramTopics.AsNoTracking().Where(t => topics.Contains(t.Id)).Select(t => new { t.Id, t.Title }).ToListAsync(cancellationToken))
            {
                names.Topics[t.Id] = t.Title;
            }

            return names;
        }
    }

    private static string Last(string field) => field[(field.LastIndexOf('.') + 1)..];

    private static bool IsPerson(string field) => Last(field) == "UserId" || Last(field).EndsWith("ByUserId", StringComparison.Ordinal);

    /// <summary>One stored value of a field of a record type, as the app shows it.</summary>
    public static Value Show(Type? recordType, string field, JsonElement value, Names names, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(zone);
        if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return Value.None;
        }

        var last = Last(field);
        if (value.ValueKind == JsonValueKind.String && IsPerson(field))
        {
            var id = value.GetString()!;
            return new Value(names.People.GetValueOrDefault(id, "a deleted account"), id);
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            var named = last switch
            {
                "ProgramId" => names.Programs.GetValueOrDefault(number),
                "PairId" => names.Pairs.GetValueOrDefault(number),
                "SkillId" => names.Skills.GetValueOrDefault(number),
                "ProgramTopicId" => names.Topics.GetValueOrDefault(number),
                _ when last.EndsWith("EnrolmentId", StringComparison.Ordinal) => names.Enrolments.GetValueOrDefault(number),
                _ => null,
            };
            if (named is not null)
            {
                return new Value(named, $"#{number}");
            }

            if (EnumOf(recordType, field) is { } type)
            {
                return new Value(EnumText(type, number));
            }
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => new Value("Yes"),
            JsonValueKind.False => new Value("No"),
            JsonValueKind.String => new Value(Text(value.GetString()!, zone)),
            JsonValueKind.Number => new Value(value.GetRawText()),
            _ => new Value(value.GetRawText()),
        };
    }

    private static string Text(string text, TimeZoneInfo zone)
    {
        if (text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
        }

        if (text.Length >= 19 && text[10] == 'T'
            && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var utc))
        {
            return TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture);
        }

        return text;
    }

    private static Type? EnumOf(Type? recordType, string field)
    {
        var type = recordType;
        foreach (var part in field.Split('.'))
        {
            type = type?.GetProperty(part)?.PropertyType;
        }

        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        return type is { IsEnum: true } ? type : null;
    }

    private static string EnumText(Type type, int number)
    {
        var value = Enum.ToObject(type, number);
        if (type.IsDefined(typeof(FlagsAttribute), false))
        {
            var parts = Enum.GetValues(type).Cast<object>().Where(v => Convert.ToInt32(v, CultureInfo.InvariantCulture) is var bit && bit != 0 && (number & bit) == bit);
            return string.Join(", ", parts.Select(p => AuditAction.Words(p.ToString()!)));
        }

        return Enum.IsDefined(type, value) ? AuditAction.Words(value.ToString()!) : number.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The audited record types by name, for reading the types of their fields.</summary>
    public static IReadOnlyDictionary<string, Type> RecordTypes { get; } = typeof(AppDbContext).Assembly.GetTypes()
        .Where(t => typeof(IAudited).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
        .ToDictionary(t => t.Name, StringComparer.Ordinal);
}
