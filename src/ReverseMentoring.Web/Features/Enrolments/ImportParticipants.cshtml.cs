using Microsoft.AspNetCore.Authorization;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Features.Resources;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Features.Invitations;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.Programs;

namespace ReverseMentoring.Web.Features.Enrolments;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class ImportParticipantsModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    /// <summary>2,000 rows of generous profiles fit well within this.</summary>
    public const long MaxFileBytes = 5 * 1024 * 1024;

    [FromRoute]
    public int ProgramId { get; set; }

    public ImportParticipants.Command Data { get; private set; } = new();

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public string ProgramName { get; private set; } = "";

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        ProgramName = await mediator.Send(new ImportParticipants.ProgramQuery(ProgramId), cancellationToken);

    public IActionResult OnGetTemplate() =>
        File(Encoding.UTF8.GetBytes(ImportParticipants.Template), "text/csv", "participants.csv");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var csv = "";
        if (Upload is { Length: > MaxFileBytes })
        {
            ModelState.AddModelError("Data.Csv", "The file is larger than 5 MB. Split it into smaller files.");
            await ReloadAsync(cancellationToken);
            return Page400();
        }

        if (Upload is { Length: > 0 })
        {
            using var reader = new StreamReader(Upload.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            csv = await reader.ReadToEndAsync(cancellationToken);
        }

        Data = new ImportParticipants.Command { ProgramId = ProgramId, Csv = csv };
        var result = await mediator.Send(Data, cancellationToken);
        Message = result.Summary;
        return LocalRedirect($"/Programs/{ProgramId}/Enrolments");
    }

    private static PageResult Page400() => new() { StatusCode = StatusCodes.Status400BadRequest };

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        if (ProgramName.Length == 0)
        {
            ProgramName = await mediator.Send(new ImportParticipants.ProgramQuery(ProgramId), cancellationToken);
        }
    }
}

/// <summary>
/// HR enrols many participants at once from a CSV file: every row is checked first, and either all of them are
/// imported, approved, with accounts made for people who have none, or nothing is.
/// </summary>
public static partial class ImportParticipants
{
    public const int MaxRows = 2000;

    /// <summary>A file with thousands of mistakes would bury the first ones; the rest are counted.</summary>
    public const int MaxErrorsShown = 200;

    public static IReadOnlyList<string> Columns { get; } =
        ["email", "name", "role", "department", "job_level", "manager_email", "location", "time_zone", "formats", "skills", "availability", "interests", "goals"];

    public const string Template =
        "email,name,role,department,job_level,manager_email,location,time_zone,formats,skills,availability,interests,goals\n"
        + "amara.okafor@example.com,Amara Okafor,Mentor,Marketing,Graduate,lead@example.com,London,Europe/London,InPerson;Virtual,\"AI tools:4;Social media:3\",\"Mon 09:00-10:00;Wed 14:00-15:30\",Photography,Help a leader feel at home with AI tools.\n";

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record ProgramQuery(int ProgramId) : IQuery<string>;

    public sealed class ProgramHandler(AppDbContext db) : IQueryHandler<ProgramQuery, string>
    {
        public async ValueTask<string> Handle(ProgramQuery query, CancellationToken cancellationToken) =>
            await db.Programs.AsNoTracking().Where(p => p.Id == query.ProgramId).Select(p => p.Name).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException();
    }

    public sealed record Result(int Imported, int NewAccounts)
    {
        public string Summary =>
            $"Imported {Imported} participant{(Imported == 1 ? "" : "s")} ({NewAccounts} new account{(NewAccounts == 1 ? "" : "s")}"
            + (NewAccounts == 0 ? ")." : ", each invited by e-mail to set a password).");
    }

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ICommand<Result>
    {
        public int ProgramId { get; set; }

        /// <summary>The file's text, header first.</summary>
        public string Csv { get; set; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Csv)
                .NotEmpty().WithMessage("Choose a CSV file to upload. Its first line names the columns; download the template to start from.");
    }

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

    public sealed class Handler(
        AppDbContext db, UserManager<AppUser> users, CurrentUser current, TimeProvider clock,
        Outbox outbox, PublicLinks links, IOptions<InvitationOptions> invitationOptions)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var program = await db.Programs.SingleOrDefaultAsync(p => p.Id == command.ProgramId, cancellationToken)
                ?? throw new NotFoundException();
            if (program.ArchivedAtUtc is not null || program.Status == ProgramStatus.Closed)
            {
                throw RequestValidationException.For(command, nameof(Command.Csv),
                    $"This program is {(program.ArchivedAtUtc is not null ? "archived" : "closed")} and takes no more participants.");
            }

            var skills = await db.Skills.AsNoTracking().Where(s => !s.IsRetired)
                .ToDictionaryAsync(s => s.Name, s => s.Id, StringComparer.OrdinalIgnoreCase, cancellationToken);
            var enrolled = (await db.Enrolments.AsNoTracking()
                .Where(e => e.ProgramId == program.Id)
                .Select(e => e.User!.Email!)
                .ToListAsync(cancellationToken)).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var errors = new List<string>();
            var rows = Read(command.Csv, program, skills, enrolled, errors);
            if (errors.Count > 0)
            {
                throw Invalid(command, errors);
            }

            var emails = rows.Select(r => users.NormalizeEmail(r.Email)).ToList();
            var existing = await db.Users.Where(u => emails.Contains(u.NormalizedEmail!))
                .ToDictionaryAsync(u => u.NormalizedEmail!, cancellationToken);
            var roleIds = await db.Roles.AsNoTracking().Where(r => r.Name == Roles.Mentor || r.Name == Roles.Mentee)
                .ToDictionaryAsync(r => r.Name!, r => r.Id, cancellationToken);
            var existingIds = existing.Values.Select(u => u.Id).ToList();
            var held = (await db.UserRoles.AsNoTracking().Where(ur => existingIds.Contains(ur.UserId))
                .Select(ur => new { ur.UserId, ur.RoleId }).ToListAsync(cancellationToken))
                .Select(ur => (ur.UserId, ur.RoleId)).ToHashSet();
            var now = clock.GetUtcNow().UtcDateTime;
            var hr = current.RequireId();

            // Accounts, roles and enrolments are added to the context and saved once: the Identity store would save
            // after every call, and each save re-scans everything tracked so far (quadratic over 2,000 rows).
            var newAccounts = new List<(AppUser User, string Role)>();
            foreach (var row in rows)
            {
                if (Add(row, program.Id, existing, roleIds, held, now, hr) is { } made)
                {
                    newAccounts.Add(made);
                }
            }

            // New accounts have no password: each gets an invitation by e-mail, whose link lets them set one.
            var invitations = newAccounts.Select(a => new Invitation
            {
                Email = a.User.Email!,
                Role = a.Role,
                ProgramId = program.Id,
                InvitedAtUtc = now,
                ExpiresAtUtc = now.AddDays(invitationOptions.Value.ValidDays),
                InvitedByUserId = hr,
            }).ToList();
            db.Invitations.AddRange(invitations);
            await db.SaveChangesAsync(cancellationToken);

            // Thousands of tracked rows would make every later save re-scan them all. The invitations' e-mails are
            // queued in the same transaction, and sent once it commits.
            db.ChangeTracker.Clear();
            await outbox.QueueAsync(invitations.Select(i => InvitationMail.First(links, i, program.Name)).ToList(), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);

            return new Result(rows.Count, newAccounts.Count);
        }

        /// <summary>Enrols one row's person, approved; returns the account when it had to be made.</summary>
        private (AppUser User, string Role)? Add(Row row, int programId, Dictionary<string, AppUser> existing,
            Dictionary<string, string> roleIds, HashSet<(string UserId, string RoleId)> held, DateTime now, string hr)
        {
            var role = row.Role == ParticipantRole.Mentor ? Roles.Mentor : Roles.Mentee;
            (AppUser, string)? created = null;
            if (!existing.TryGetValue(users.NormalizeEmail(row.Email), out var user))
            {
                // What UserManager.CreateAsync would set, without its save per account. The e-mail was checked per row.
                user = new AppUser
                {
                    UserName = row.Email,
                    NormalizedUserName = users.NormalizeName(row.Email),
                    Email = row.Email,
                    NormalizedEmail = users.NormalizeEmail(row.Email),
                    EmailConfirmed = false,
                    SecurityStamp = Guid.NewGuid().ToString("N"),
                    DisplayName = row.Name,
                    TimeZoneId = row.TimeZoneId ?? "UTC",
                    CreatedAtUtc = now,
                };
                db.Users.Add(user);
                existing[user.NormalizedEmail] = user;
                created = (user, role);
            }

            if (held.Add((user.Id, roleIds[role])))
            {
                db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleIds[role] });
            }

            var direction = row.Role == ParticipantRole.Mentor ? SkillDirection.Teach : SkillDirection.Learn;
            db.Enrolments.Add(new Enrolment
            {
                ProgramId = programId,
                UserId = user.Id,
                Role = row.Role,
                Status = EnrolmentStatus.Approved,
                Department = row.Department,
                JobLevel = row.JobLevel,
                ManagerEmail = row.ManagerEmail,
                Location = row.Location,
                TimeZoneId = row.TimeZoneId ?? user.TimeZoneId,
                Formats = row.Formats,
                Interests = row.Interests,
                Goals = row.Goals,
                ConsentedAtUtc = now,
                DecidedByUserId = hr,
                DecidedAtUtc = now,
                CreatedAtUtc = now,
                Skills = row.Skills.Select(s => new EnrolmentSkill { SkillId = s.SkillId, Level = s.Level, Direction = direction }).ToList(),
                Availability = row.Availability.Select(s => new AvailabilitySlot { Day = s.Day, Starts = s.From, Ends = s.To }).ToList(),
                History =
                [
                    new EnrolmentHistory
                    {
                        AtUtc = now,
                        ByUserId = hr,
                        Event = "Imported by HR",
                        Detail = $"Imported and approved by HR from a CSV file (row {row.Number}). Consent to the program's terms was collected by HR.",
                    },
                ],
            });

            return created;
        }

        private static RequestValidationException Invalid(Command command, List<string> errors)
        {
            var shown = errors.Take(MaxErrorsShown).Select(e => new ValidationFailure(nameof(Command.Csv), e)).ToList();
            if (errors.Count > MaxErrorsShown)
            {
                shown.Add(new ValidationFailure(nameof(Command.Csv), $"… and {errors.Count - MaxErrorsShown:N0} more problems. Fix these and upload again."));
            }

            return new RequestValidationException(command, shown);
        }
    }

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
        else if (email.Length > Invitation.EmailMaxLength || !DeliverableAddress.IsValid(email))
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
            if (manager.Length > Invitation.EmailMaxLength || !DeliverableAddress.IsValid(manager))
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
