using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;

namespace ReverseMentoring.Web.Features.Enrolments;

/// <summary>The import's file: its columns, and each row read and checked into a participant to enrol.</summary>
public static partial class ImportParticipants
{
    public const int MaxRows = 2000;

    public static IReadOnlyList<string> Columns { get; } =
        ["email", "name", "role", "department", "job_level", "manager_email", "location", "time_zone", "formats", "skills", "availability", "interests", "goals"];

    public const string Template =
        "email,name,role,department,job_level,manager_email,location,time_zone,formats,skills,availability,interests,goals\n"
        + "amara.okafor@example.com,Amara Okafor,Mentor,Marketing,Graduate,lead@example.com,London,Europe/London,InPerson;Virtual,\"AI tools:4;Social media:3\",\"Mon 09:00-10:00;Wed 14:00-15:30\",Photography,Help a leader feel at home with AI tools.\n";

    /// <summary>One checked row of the file, ready to import.</summary>
    private sealed record Row(
        int Number,
        string Email,
        string Name,
        ParticipantRole Role,
        string Department,
        string JobLevel,
        string? ManagerEmail,
        string Location,
        string? TimeZoneId,
        SessionFormats Formats,
        IReadOnlyList<(int SkillId, int Level)> Skills,
        IReadOnlyList<(DayOfWeek Day, TimeOnly From, TimeOnly To)> Availability,
        string Interests,
        string Goals);

    private static List<Row> Read(string csv, MentoringProgram program, Dictionary<string, int> skills, HashSet<string> enrolled, List<string> errors)
    {
        var rows = new List<Row>();
        var options = new CsvReaderOptions
        {
            HasHeader = true,
            Separator = ',',
            TrimWhitespace = true,
            SkipEmptyLines = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
            NormalizeHeaderName = header => header.Trim().ToLowerInvariant(),
        };
        try
        {
            using var reader = CsvReader.FromText(csv, options);
            var any = reader.Read();
            var header = reader.Headers?.Select(h => h.Trim().ToLowerInvariant()).ToList() ?? [];
            if (header.Count == 0)
            {
                errors.Add("The file is empty. Its first line must name the columns; download the template to start from.");
                return rows;
            }

            var missing = Columns.Where(c => !header.Contains(c)).ToList();
            if (missing.Count > 0)
            {
                errors.Add($"The first line must name the columns. Missing: {string.Join(", ", missing)}. Download the template to see them all.");
                return rows;
            }

            if (!any)
            {
                errors.Add("The file has a header but no participants.");
                return rows;
            }

            var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            do
            {
                if (reader.RowNumber > MaxRows)
                {
                    errors.Clear();
                    errors.Add($"The file has more than {MaxRows:N0} participants. Split it into files of at most {MaxRows:N0} rows.");
                    return [];
                }

                // As a spreadsheet numbers them: the header is row 1.
                var number = (int)reader.RowNumber + 1;
                if (reader.FieldCount != header.Count)
                {
                    errors.Add($"Row {number}: it has {reader.FieldCount} columns but the header has {header.Count}. Check for a missing or extra comma, or put quotes around values that contain commas.");
                    continue;
                }

                if (ReadRow(number, name => reader.GetString(name).Trim(), program, skills, enrolled, seen, errors) is { } row)
                {
                    rows.Add(row);
                }
            }
            while (reader.Read());
        }
        catch (CsvFormatException malformed)
        {
            errors.Clear();
            errors.Add($"The file is not valid CSV at row {malformed.RecordNumber}: check its quotes. Save it again as CSV (comma-separated) and retry.");
            return [];
        }

        return rows;
    }

    private static Row? ReadRow(int number, Func<string, string> field, MentoringProgram program, Dictionary<string, int> catalogue,
        HashSet<string> enrolled, Dictionary<string, int> seen, List<string> errors)
    {
        var before = errors.Count;
        void Error(string column, string message) => errors.Add($"Row {number}, {column}: {message}");

        string Text(string column, int max, bool required, string what)
        {
            var value = field(column);
            if (required && value.Length == 0)
            {
                Error(column, $"enter the {what}.");
            }
            else if (value.Length > max)
            {
                Error(column, $"the {what} has {value.Length:N0} characters; at most {max:N0} are allowed.");
            }

            return value;
        }

        var email = field("email");
        if (email.Length == 0)
        {
            Error("email", "enter the participant's e-mail address.");
        }
        else if (email.Length > Invitation.EmailMaxLength || !EnrolmentRules.IsEmail(email))
        {
            Error("email", $"'{email}' is not an e-mail address like name@company.com.");
        }
        else if (seen.TryGetValue(email, out var first))
        {
            Error("email", $"{email} appears twice in the file (also row {first}).");
        }
        else
        {
            seen[email] = number;
            if (enrolled.Contains(email))
            {
                Error("email", $"{email} is already enrolled in this program.");
            }
        }

        var name = Text("name", AppUser.DisplayNameMaxLength, true, "participant's name");

        var roleText = field("role");
        ParticipantRole? role = roleText.ToLowerInvariant() switch
        {
            "mentor" => ParticipantRole.Mentor,
            "mentee" => ParticipantRole.Mentee,
            _ => null,
        };
        if (role is null)
        {
            Error("role", $"'{roleText}' is not a role; write Mentor or Mentee.");
        }

        var department = Text("department", Enrolment.TextMaxLength, true, "department");
        var jobLevel = Text("job_level", Enrolment.TextMaxLength, true, "job level");
        var location = Text("location", Enrolment.TextMaxLength, true, "location");

        var manager = field("manager_email");
        if (manager.Length > 0)
        {
            if (manager.Length > Invitation.EmailMaxLength || !EnrolmentRules.IsEmail(manager))
            {
                Error("manager_email", $"'{manager}' is not an e-mail address like name@company.com.");
            }
            else if (string.Equals(manager, email, StringComparison.OrdinalIgnoreCase))
            {
                Error("manager_email", "a participant cannot be their own manager.");
            }
        }

        var timeZone = field("time_zone");
        if (timeZone.Length > 0 && !EnrolmentRules.IsKnownTimeZone(timeZone))
        {
            Error("time_zone", $"'{timeZone}' is not a time zone; use an IANA id like Europe/London.");
        }

        var formats = SessionFormats.None;
        var unknownFormat = false;
        foreach (var part in Split(field("formats")))
        {
            if (Enum.TryParse<SessionFormats>(part.Replace(" ", "", StringComparison.Ordinal), ignoreCase: true, out var format)
                && EnrolmentRules.EachFormat.Contains(format))
            {
                formats |= format;
            }
            else
            {
                Error("formats", $"'{part}' is not a format; use InPerson, Virtual or Group.");
                unknownFormat = true;
            }
        }

        if (!unknownFormat && (formats & program.Formats) == SessionFormats.None)
        {
            Error("formats", $"list at least one format this program uses: {string.Join(";", EnrolmentRules.EachFormat.Where(f => program.Formats.HasFlag(f)))}.");
        }

        var skills = new List<(int SkillId, int Level)>();
        foreach (var part in Split(field("skills")))
        {
            var colon = part.LastIndexOf(':');
            var skillName = colon < 0 ? part : part[..colon].Trim();
            var levelText = colon < 0 ? "" : part[(colon + 1)..].Trim();
            if (!catalogue.TryGetValue(skillName, out var skillId))
            {
                Error("skills", $"'{skillName}' is not in the skill catalogue.");
            }
            else if (colon < 0 || !int.TryParse(levelText, NumberStyles.None, CultureInfo.InvariantCulture, out var level)
                || level is < EnrolmentSkill.MinLevel or > EnrolmentSkill.MaxLevel)
            {
                Error("skills", $"'{part}' needs a level from 1 to 5, like '{skillName}:3'.");
            }
            else if (skills.Any(s => s.SkillId == skillId))
            {
                Error("skills", $"'{skillName}' is listed twice.");
            }
            else
            {
                skills.Add((skillId, level));
            }
        }

        if (Split(field("skills")).Count == 0)
        {
            Error("skills", role == ParticipantRole.Mentee
                ? "list at least one skill to learn, like 'AI tools:2'."
                : "list at least one skill, like 'AI tools:4'.");
        }

        var slots = new List<(DayOfWeek Day, TimeOnly From, TimeOnly To)>();
        foreach (var part in Split(field("availability")))
        {
            var match = SlotPattern().Match(part);
            if (!match.Success || Day(match.Groups["day"].Value) is not { } day
                || !TimeOnly.TryParseExact(match.Groups["from"].Value, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
                || !TimeOnly.TryParseExact(match.Groups["to"].Value, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var to))
            {
                Error("availability", $"'{part}' is not a time slot; write it like 'Mon 09:00-10:00'.");
            }
            else if (from >= to)
            {
                Error("availability", $"in '{part}' the end time must be after the start time.");
            }
            else
            {
                slots.Add((day, from, to));
            }
        }

        if (Split(field("availability")).Count == 0)
        {
            Error("availability", "list at least one weekly time slot, like 'Mon 09:00-10:00'.");
        }
        else if (EnrolmentRules.Overlap(slots) is { } overlap)
        {
            Error("availability", overlap);
        }

        var interests = Text("interests", Enrolment.InterestsMaxLength, false, "interests");
        var goals = Text("goals", Enrolment.GoalsMaxLength, true, "participant's goals");

        return errors.Count > before
            ? null
            : new Row(number, email, name, role!.Value, department, jobLevel, manager.Length == 0 ? null : manager, location,
                timeZone.Length == 0 ? null : timeZone, formats, skills, slots, interests, goals);
    }

    private static List<string> Split(string value) =>
        value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    private static DayOfWeek? Day(string text) =>
        Enum.GetValues<DayOfWeek>().Cast<DayOfWeek?>()
            .FirstOrDefault(d => d.ToString()!.StartsWith(text, StringComparison.OrdinalIgnoreCase) && text.Length >= 3);

    [GeneratedRegex(@"^(?<day>[A-Za-z]{3,9})\s+(?<from>\d{1,2}:\d{2})\s*-\s*(?<to>\d{1,2}:\d{2})$")]
    private static partial Regex SlotPattern();
}
