using ReverseMentoring.Web.Infrastructure;
using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;

namespace ReverseMentoring.Web.Features.Enrolments;

/// <summary>The import's file: its columns, and each row read into a person and their profile.</summary>
public static partial class ImportParticipants
{
    public const int MaxRows = 2000;

    public static IReadOnlyList<string> Columns { get; } =
        ["email", "name", "role", "department", "job_level", "manager_email", "location", "time_zone", "formats", "skills", "availability", "interests", "goals"];

    /// <summary>The columns of the downloadable template, in the order the import expects.</summary>
    public static IReadOnlyList<string> TemplateHeader { get; } =
        ["email", "name", "role", "department", "job_level", "manager_email", "location", "time_zone", "formats", "skills", "availability", "interests", "goals"];

    /// <summary>The template's example row.</summary>
    public static IReadOnlyList<string> TemplateExample { get; } =
    [
        "amara.okafor@example.com", "Amara Okafor", "Mentor", "Marketing", "Graduate", "lead@example.com", "London", "Europe/London", "InPerson;Virtual",
        "AI tools:4;Social media:3", "Mon 09:00-10:00;Wed 14:00-15:30", "Photography", "Help a leader feel at home with AI tools.",
    ];

    /// <summary>
    /// One row of the file as read: the person, their profile, and what could not be read in it, by column. The
    /// profile's rules are checked afterwards, by the same validator as the enrol form.
    /// </summary>
    private sealed class Row(int number)
    {
        /// <summary>As a spreadsheet numbers it: the header is row 1.</summary>
        public int Number { get; } = number;

        public string Email { get; set; } = "";

        public string Name { get; set; } = "";

        /// <summary>Null when the row's columns could not be told apart.</summary>
        public EnrolmentProfile? Profile { get; set; }

        /// <summary>What could not be read; a null column is the row as a whole.</summary>
        public List<(string? Column, string Message)> Problems { get; } = [];
    }

    /// <summary>Reads every row of the file; <paramref name="errors"/> gets what makes the whole file unreadable.</summary>
    private static List<Row> Read(string csv, Dictionary<string, int> skills, HashSet<string> enrolled, List<string> errors)
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
                    var unread = new Row(number);
                    unread.Problems.Add((null, $"it has {reader.FieldCount} columns but the header has {header.Count}. Check for a missing or extra comma, or put quotes around values that contain commas."));
                    rows.Add(unread);
                    continue;
                }

                rows.Add(ReadRow(number, name => reader.GetString(name).Trim(), skills, enrolled, seen));
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

    private static Row ReadRow(int number, Func<string, string> field, Dictionary<string, int> catalogue,
        HashSet<string> enrolled, Dictionary<string, int> seen)
    {
        var row = new Row(number);
        void Problem(string column, string message) => row.Problems.Add((column, message));

        var email = field("email");
        if (email.Length == 0)
        {
            Problem("email", "enter the participant's e-mail address.");
        }
        else if (email.Length > Invitation.EmailMaxLength || !DeliverableAddress.IsValid(email))
        {
            Problem("email", $"'{email}' is not an e-mail address like name@company.com.");
        }
        else if (seen.TryGetValue(email, out var first))
        {
            Problem("email", $"{email} appears twice in the file (also row {first}).");
        }
        else
        {
            seen[email] = number;
            if (enrolled.Contains(email))
            {
                Problem("email", $"{email} is already enrolled in this program.");
            }
        }

        var name = field("name");
        if (name.Length == 0)
        {
            Problem("name", "enter the participant's name.");
        }
        else if (name.Length > AppUser.DisplayNameMaxLength)
        {
            Problem("name", $"the participant's name has {name.Length:N0} characters; at most {AppUser.DisplayNameMaxLength:N0} are allowed.");
        }

        var roleText = field("role");
        ParticipantRole? role = roleText.ToLowerInvariant() switch
        {
            "mentor" => ParticipantRole.Mentor,
            "mentee" => ParticipantRole.Mentee,
            _ => null,
        };
        if (role is null)
        {
            Problem("role", $"'{roleText}' is not a role; write Mentor or Mentee.");
        }

        var formats = new List<SessionFormats>();
        foreach (var part in Split(field("formats")))
        {
            if (Enum.TryParse<SessionFormats>(part.Replace(" ", "", StringComparison.Ordinal), ignoreCase: true, out var format)
                && EnrolmentRules.EachFormat.Contains(format))
            {
                formats.Add(format);
            }
            else
            {
                Problem("formats", $"'{part}' is not a format; use InPerson, Virtual or Group.");
            }
        }

        var skills = new List<EnrolInProgram.SkillLevel>();
        foreach (var part in Split(field("skills")))
        {
            var colon = part.LastIndexOf(':');
            var skillName = colon < 0 ? part : part[..colon].Trim();
            var levelText = colon < 0 ? "" : part[(colon + 1)..].Trim();
            if (!catalogue.TryGetValue(skillName, out var skillId))
            {
                Problem("skills", $"'{skillName}' is not in the skill catalogue.");
            }
            else if (colon < 0 || !int.TryParse(levelText, NumberStyles.None, CultureInfo.InvariantCulture, out var level))
            {
                Problem("skills", $"'{part}' needs a level from 1 to 5, like '{skillName}:3'.");
            }
            else
            {
                skills.Add(new EnrolInProgram.SkillLevel { SkillId = skillId, Level = level });
            }
        }

        var slots = new List<EnrolInProgram.Slot>();
        foreach (var part in Split(field("availability")))
        {
            var match = SlotPattern().Match(part);
            if (!match.Success || Day(match.Groups["day"].Value) is not { } day
                || !TimeOnly.TryParseExact(match.Groups["from"].Value, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
                || !TimeOnly.TryParseExact(match.Groups["to"].Value, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var to))
            {
                Problem("availability", $"'{part}' is not a time slot; write it like 'Mon 09:00-10:00'.");
            }
            else
            {
                slots.Add(new EnrolInProgram.Slot { Day = day, From = from, To = to });
            }
        }

        var manager = field("manager_email");
        var timeZone = field("time_zone");
        row.Email = email;
        row.Name = name;
        row.Profile = new EnrolmentProfile
        {
            Role = role,
            Department = field("department"),
            JobLevel = field("job_level"),
            ManagerEmail = manager.Length == 0 ? null : manager,
            Location = field("location"),
            // Left empty, the account's own time zone is filled in once accounts are looked up.
            TimeZoneId = timeZone.Length == 0 ? null : timeZone,
            Formats = formats,
            Skills = skills,
            Availability = slots,
            Interests = field("interests"),
            Goals = field("goals"),

            // HR confirms, by importing, that it collected each person's consent.
            Consent = true,
        };
        return row;
    }

    private static List<string> Split(string value) =>
        value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    private static DayOfWeek? Day(string text) =>
        Enum.GetValues<DayOfWeek>().Cast<DayOfWeek?>()
            .FirstOrDefault(d => d.ToString()!.StartsWith(text, StringComparison.OrdinalIgnoreCase) && text.Length >= 3);

    [GeneratedRegex(@"^(?<day>[A-Za-z]{3,9})\s+(?<from>\d{1,2}:\d{2})\s*-\s*(?<to>\d{1,2}:\d{2})$")]
    private static partial Regex SlotPattern();
}
