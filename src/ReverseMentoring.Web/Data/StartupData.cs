using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Features.Resources;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Data;

/// <summary>The first HR coordinator, created from configuration so a fresh install can be signed into.</summary>
public sealed class FirstCoordinatorOptions
{
    public const string Section = "FirstCoordinator";

    public string? Email { get; set; }

    public string? DisplayName { get; set; }

    /// <summary>Left empty, a one-time password is generated and printed once, when the account is created.</summary>
    public string? Password { get; set; }
}

public sealed class DemoDataOptions
{
    public const string Section = "DemoData";

    public bool Enabled { get; set; }

    public string Password { get; set; } = "Mentoring-Demo-2026";
}

/// <summary>Everything the database must hold before the first request: roles, the first coordinator, demo data.</summary>
public sealed class StartupData(
    AppDbContext db,
    UserManager<AppUser> users,
    RoleManager<IdentityRole> roles,
    IConfiguration configuration,
    ILogger<StartupData> logger,
    TimeProvider clock,
    ResourceFiles files)
{
    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        await EnsureRolesAsync();
        await EnsureSkillCatalogueAsync(cancellationToken);
        var accounts = new List<SignInLine>();
        await EnsureFirstCoordinatorAsync(accounts);

        var demo = configuration.GetSection(DemoDataOptions.Section).Get<DemoDataOptions>() ?? new DemoDataOptions();
        if (demo.Enabled)
        {
            await new DemoData(db, users, clock, files).EnsureAsync(demo.Password, accounts, cancellationToken);
        }

        if (accounts.Count > 0)
        {
            logger.LogWarning("Sign-ins for this instance:{NewLine}{Accounts}", Environment.NewLine, Format(accounts));
        }
    }

    private async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (await roles.RoleExistsAsync(role))
            {
                continue;
            }

            // Several instances may start on one new database at once: a role another one created meanwhile is no failure.
            IdentityResult created;
            try
            {
                created = await roles.CreateAsync(new IdentityRole(role));
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                created = IdentityResult.Failed();
            }

            if (!created.Succeeded && await roles.RoleExistsAsync(role))
            {
                continue;
            }

            Check(created, $"create role {role}");
        }
    }

    /// <summary>The topics reverse mentoring exists for. Seeded once into an empty catalogue; HR keeps it from then on.</summary>
    public static IReadOnlyList<(string Name, string Description)> StarterSkills { get; } =
    [
        ("AI tools", "Using generative AI assistants well and safely at work."),
        ("Social media", "How platforms work, personal and company presence, reading the conversation."),
        ("Short video platforms", "TikTok, Reels, Shorts: formats, audiences and what makes content travel."),
        ("Collaboration tools", "Chat, shared documents, whiteboards and working in the open."),
        ("Fintech", "Digital payments, neobanks, crypto and how younger customers handle money."),
        ("Data literacy", "Reading dashboards, asking good questions of data, spotting misleading charts."),
        ("Generational insight", "What a younger workforce expects from work, leaders and employers."),
        ("Inclusion and culture", "Seeing the workplace through colleagues with other backgrounds."),
        ("Digital marketing", "Search, social advertising, influencers and measuring campaigns."),
        ("Mobile productivity", "Apps and habits for working well from a phone."),
        ("Cybersecurity habits", "Phishing, passwords, passkeys and staying safe online."),
        ("Remote and hybrid work", "Running meetings and teams across places and time zones."),
    ];

    private async Task EnsureSkillCatalogueAsync(CancellationToken cancellationToken)
    {
        if (await db.Skills.AnyAsync(cancellationToken))
        {
            return;
        }

        db.Skills.AddRange(StarterSkills.Select(s => new Skill { Name = s.Name, Description = s.Description }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance starting on the same new database seeded the catalogue first.
            db.ChangeTracker.Clear();
            if (!await db.Skills.AnyAsync(cancellationToken))
            {
                throw;
            }
        }
    }

    private async Task EnsureFirstCoordinatorAsync(List<SignInLine> accounts)
    {
        var options = configuration.GetSection(FirstCoordinatorOptions.Section).Get<FirstCoordinatorOptions>();
        if (string.IsNullOrWhiteSpace(options?.Email))
        {
            return;
        }

        // The same test as every other address the app takes: one it cannot send to would be a coordinator nobody can reach.
        if (!DeliverableAddress.IsValid(options.Email))
        {
            throw new InvalidOperationException(
                $"FirstCoordinator:Email '{options.Email}' is not an e-mail address the app can send to. Set it to a plain address like hr@company.com.");
        }

        var existing = await users.FindByEmailAsync(options.Email);
        if (existing is not null)
        {
            await EnsureInRoleAsync(db, users, existing, Roles.HrCoordinator, "make the first coordinator an HR coordinator");

            accounts.Add(new SignInLine(Roles.DisplayName(Roles.HrCoordinator), options.Email, "(as set when it was created)"));
            return;
        }

        var generated = string.IsNullOrEmpty(options.Password);
        var password = generated ? OneTimePassword() : options.Password!;
        var user = new AppUser
        {
            UserName = options.Email,
            Email = options.Email,
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(options.DisplayName) ? "HR coordinator" : options.DisplayName,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        // Several instances may start on one new database at once: the one whose account is saved first makes it.
        IdentityResult created;
        try
        {
            created = await users.CreateAsync(user, password);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            created = IdentityResult.Failed();
        }

        if (!created.Succeeded && await users.FindByEmailAsync(options.Email) is not null)
        {
            accounts.Add(new SignInLine(Roles.DisplayName(Roles.HrCoordinator), options.Email, "(as set when it was created)"));
            return;
        }

        Check(created, "create the first coordinator");
        await EnsureInRoleAsync(db, users, user, Roles.HrCoordinator, "make the first coordinator an HR coordinator");
        accounts.Add(new SignInLine(Roles.DisplayName(Roles.HrCoordinator), options.Email,
            generated ? $"{password}  (one-time password, shown only now: change it after signing in)" : "(as configured)"));
    }

    /// <summary>A password that meets the policy: upper, lower, digit, and long enough.</summary>
    private static string OneTimePassword()
    {
        var random = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y');
        return $"Rm-{random}-7a";
    }

    private static string Format(List<SignInLine> accounts)
    {
        var text = new StringBuilder();
        var width = accounts.Max(a => a.Email.Length);
        foreach (var group in accounts.GroupBy(a => a.Role))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {group.Key}:");
            foreach (var account in group)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    {account.Email.PadRight(width)}  {account.Password}");
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// Gives the person the role unless they have it. Several instances starting on one new database may give it at once:
    /// the one whose save loses (a duplicate key, or the account's concurrency stamp moved) finds the role there and goes on.
    /// </summary>
    internal static async Task EnsureInRoleAsync(AppDbContext db, UserManager<AppUser> users, AppUser user, string role, string what)
    {
        if (await users.IsInRoleAsync(user, role))
        {
            return;
        }

        IdentityResult added;
        try
        {
            added = await users.AddToRoleAsync(user, role);
        }
        catch (DbUpdateException)
        {
            added = IdentityResult.Failed();
        }

        if (added.Succeeded)
        {
            return;
        }

        db.ChangeTracker.Clear();
        if (await users.FindByIdAsync(user.Id) is { } again && await users.IsInRoleAsync(again, role))
        {
            return;
        }

        Check(added, what);
    }

    internal static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}

public sealed record SignInLine(string Role, string Email, string Password);

/// <summary>A believable program to explore in Development: a coordinator, a leader, 20 juniors and 10 seniors.</summary>
internal sealed partial class DemoData(AppDbContext db, UserManager<AppUser> users, TimeProvider clock, ResourceFiles files)
{
    public const string ProgramName = "Digital Leadership Reverse Mentoring 2027";
    public const string OpenProgramName = "Spring 2027 Cohort";

    private static readonly string[] Departments = ["Marketing", "Finance", "Sales", "Operations", "People", "Technology", "Legal"];
    private static readonly string[] JuniorLevels = ["Graduate", "Analyst", "Associate"];
    private static readonly string[] SeniorLevels = ["Director", "Vice President", "Head of Department"];
    private static readonly (string Zone, string Location)[] Places =
        [("Europe/London", "London"), ("Europe/Berlin", "Berlin"), ("America/New_York", "New York"), ("Europe/London", "Manchester")];

    private static readonly string[] Interests =
        ["photography, running", "gaming, music", "cooking, travel", "football, podcasts", "climbing, design", "reading, chess"];
    public const string CoordinatorEmail = "hr@demo.local";
    public const string LeaderEmail = "leader@demo.local";

    internal static readonly string[] JuniorNames =
    [
        "Amara Okafor", "Liam Chen", "Sofia Rossi", "Noah Patel", "Maya Lindqvist", "Ethan Brooks", "Zara Ahmed",
        "Lucas Moreau", "Aisha Bello", "Leo Novak", "Chloe Martin", "Ravi Sharma", "Emma Schulz", "Kenji Tanaka",
        "Isla Murphy", "Omar Haddad", "Nina Kowalski", "Tom Eriksen", "Priya Nair", "Jonas Weber",
    ];

    internal static readonly string[] SeniorNames =
    [
        "Margaret Hughes", "Richard Lawson", "Helen Carter", "David Fischer", "Susan Whitfield", "Peter Van Dijk",
        "Catherine Moore", "Michael O'Brien", "Elizabeth Grant", "Robert Keller",
    ];

    public async Task EnsureAsync(string password, List<SignInLine> accounts, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);

        // One hash for every demo account: hashing is deliberately slow, and the demo password is public anyway.
        var hash = users.PasswordHasher.HashPassword(new AppUser(), password);
        await EnsureUserAsync(CoordinatorEmail, "Hannah Reid", Roles.HrCoordinator, hash, now);
        await EnsureUserAsync(LeaderEmail, "Charles Whitmore", Roles.Leadership, hash, now);
        var coordinatorId = (await users.FindByEmailAsync(CoordinatorEmail))!.Id;
        for (var i = 0; i < JuniorNames.Length; i++)
        {
            await EnsureUserAsync(MentorEmail(i + 1), JuniorNames[i], Roles.Mentor, hash, now);
        }

        for (var i = 0; i < SeniorNames.Length; i++)
        {
            await EnsureUserAsync(MenteeEmail(i + 1), SeniorNames[i], Roles.Mentee, hash, now);
        }

        if (!await db.Programs.AnyAsync(p => p.Name == ProgramName, cancellationToken))
        {
            // Enrolment has closed and everyone waits for HR's decision: HR approves them in bulk, then runs the pairing.
            var program = new MentoringProgram
            {
                Name = ProgramName,
                Objectives = "Senior leaders learn AI tools, social media and collaboration tools from junior colleagues, "
                    + "and gain insight into how a younger workforce works and what it expects.",
                StartsOn = today.AddDays(14),
                EndsOn = today.AddDays(14 + 180),
                EnrolmentOpensOn = today.AddDays(-28),
                EnrolmentClosesOn = today.AddDays(-1),
                SessionCadenceDays = 14,
                SessionMinutes = 60,
                ExpectedSessions = 12,
                Formats = SessionFormats.InPerson | SessionFormats.Virtual,
                MentorCapacity = 1,
                Matching = new MatchingSettings { MinimumScorePercent = MatchingSettings.SuggestedMinimumScorePercent },
                Status = ProgramStatus.Matching,
                CreatedAtUtc = now,
                CreatedByUserId = coordinatorId,
                Coordinators = [new ProgramCoordinator { UserId = coordinatorId, AddedAtUtc = now }],
                Topics =
                [
                    new ProgramTopic { Title = "AI assistants in everyday work", SuggestedActivities = "Draft a real e-mail and a summary with an assistant together; compare with doing it by hand.", SortOrder = 1 },
                    new ProgramTopic { Title = "Reading social media", SuggestedActivities = "Follow the company's brand for a week; review what the comments say.", SortOrder = 2 },
                    new ProgramTopic { Title = "How a younger workforce sees work", SuggestedActivities = "Talk through a recent decision from the junior's point of view.", SortOrder = 3 },
                ],
            };
            db.Programs.Add(program);
            await db.SaveChangesAsync(cancellationToken);
            db.CheckInQuestions.AddRange(CheckInQuestion.StarterSurveysFor(program.Id));
            db.GrowthAreas.AddRange(GrowthArea.DefaultsFor(program.Id));
            await EnrolEveryoneAsync(program.Id, now, cancellationToken);
        }

        if (!await db.Programs.AnyAsync(p => p.Name == OpenProgramName, cancellationToken))
        {
            var open = new MentoringProgram
            {
                Name = OpenProgramName,
                Objectives = "A second cohort on fintech, short video platforms and data literacy. Enrolment is open.",
                StartsOn = today.AddDays(45),
                EndsOn = today.AddDays(45 + 150),
                EnrolmentOpensOn = today.AddDays(-3),
                EnrolmentClosesOn = today.AddDays(25),
                SessionCadenceDays = 21,
                SessionMinutes = 45,
                ExpectedSessions = 8,
                Formats = SessionFormats.InPerson | SessionFormats.Virtual | SessionFormats.Group,
                MentorCapacity = 2,
                Status = ProgramStatus.Enrolling,
                CreatedAtUtc = now,
                CreatedByUserId = coordinatorId,
                Coordinators = [new ProgramCoordinator { UserId = coordinatorId, AddedAtUtc = now }],
            };
            db.Programs.Add(open);
            await db.SaveChangesAsync(cancellationToken);
            db.CheckInQuestions.AddRange(CheckInQuestion.StarterSurveysFor(open.Id));
            db.GrowthAreas.AddRange(GrowthArea.DefaultsFor(open.Id));
            await db.SaveChangesAsync(cancellationToken);
        }

        await EnsurePilotAsync(hash, coordinatorId, now, cancellationToken);
        await EnsureKnowledgeSessionAsync(now, cancellationToken);
        await EnsureStarterTrainingAsync(coordinatorId, now, cancellationToken);
        await GiveEachPersonTheirZoneAsync(cancellationToken);

        accounts.Add(new SignInLine(Roles.DisplayName(Roles.HrCoordinator), CoordinatorEmail, password));
        accounts.Add(new SignInLine(Roles.DisplayName(Roles.Leadership), LeaderEmail, password));
        accounts.Add(new SignInLine(Roles.DisplayName(Roles.Mentor), $"{MentorEmail(1)} … {MentorEmail(JuniorNames.Length)}", password));
        accounts.Add(new SignInLine(Roles.DisplayName(Roles.Mentee), $"{MenteeEmail(1)} … {MenteeEmail(SeniorNames.Length)}", password));
    }

    /// <summary>
    /// Approved enrolments with believable, varied profiles. Each junior reports to a senior in their department, so
    /// the pairing's reporting-line rule has something to do.
    /// </summary>
    private async Task EnrolEveryoneAsync(int programId, DateTime now, CancellationToken cancellationToken)
    {
        var skills = await db.Skills.AsNoTracking().ToDictionaryAsync(s => s.Name, s => s.Id, cancellationToken);
        var skillNames = StartupData.StarterSkills.Select(s => s.Name).Where(skills.ContainsKey).ToArray();
        var people = await db.Users.AsNoTracking().Where(u => u.Email!.EndsWith("@demo.local"))
            .ToDictionaryAsync(u => u.Email!, u => u.Id, cancellationToken);

        for (var i = 0; i < JuniorNames.Length; i++)
        {
            var place = Places[i % Places.Length];
            db.Enrolments.Add(DemoEnrolment(programId, people[MentorEmail(i + 1)], ParticipantRole.Mentor, now,
                Departments[i % Departments.Length], JuniorLevels[i % JuniorLevels.Length], MenteeEmail((i % SeniorNames.Length) + 1),
                place, Interests[i % Interests.Length],
                [(skills[skillNames[i % skillNames.Length]], 5 - (i % 2)), (skills[skillNames[(i + 3) % skillNames.Length]], 4), (skills[skillNames[(i + 7) % skillNames.Length]], 3)],
                (DayOfWeek)(1 + (i % 5)), 9 + (i % 6), pending: true));
        }

        for (var i = 0; i < SeniorNames.Length; i++)
        {
            // The last senior is the awkward case every program has: based in Singapore, free only at weekends and
            // already fluent in what they want to learn, so no junior fits well enough and HR pairs them by hand.
            var awkward = i == SeniorNames.Length - 1;
            var place = awkward ? ("Asia/Singapore", "Singapore") : Places[(i + 1) % Places.Length];
            db.Enrolments.Add(DemoEnrolment(programId, people[MenteeEmail(i + 1)], ParticipantRole.Mentee, now,
                Departments[i % Departments.Length], SeniorLevels[i % SeniorLevels.Length], null,
                place, awkward ? "sailing" : Interests[(i + 2) % Interests.Length],
                [(skills[skillNames[(i * 2) % skillNames.Length]], awkward ? 4 : 1), (skills[skillNames[(i * 2 + 3) % skillNames.Length]], awkward ? 4 : 2)],
                awkward ? DayOfWeek.Sunday : (DayOfWeek)(1 + ((i + 2) % 5)), 10 + (i % 5), pending: true));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static Enrolment DemoEnrolment(int programId, string userId, ParticipantRole role, DateTime now, string department, string level,
        string? managerEmail, (string Zone, string Location) place, string interests, (int SkillId, int Level)[] skills, DayOfWeek day, int hour,
        bool pending = false) => new()
    {
        ProgramId = programId,
        UserId = userId,
        Role = role,
        Status = pending ? EnrolmentStatus.Pending : EnrolmentStatus.Approved,
        Department = department,
        JobLevel = level,
        ManagerEmail = managerEmail,
        Location = place.Location,
        TimeZoneId = place.Zone,
        Formats = role == ParticipantRole.Mentor ? SessionFormats.InPerson | SessionFormats.Virtual : SessionFormats.Virtual,
        Interests = interests,
        Goals = role == ParticipantRole.Mentor
            ? "Help a senior colleague get comfortable with the tools I use every day, and learn how decisions are made."
            : "Use new digital tools with confidence and understand what my younger colleagues expect from work.",
        ConsentedAtUtc = now,
        DecidedAtUtc = pending ? null : now,
        CreatedAtUtc = now,
        Skills = skills.Select(s => new EnrolmentSkill
        {
            SkillId = s.SkillId,
            Level = s.Level,
            Direction = role == ParticipantRole.Mentor ? SkillDirection.Teach : SkillDirection.Learn,
        }).ToList(),
        Availability =
        [
            new AvailabilitySlot { Day = day, Starts = new TimeOnly(hour, 0), Ends = new TimeOnly(hour + 2, 0) },
            new AvailabilitySlot { Day = day == DayOfWeek.Friday ? DayOfWeek.Monday : day + 1, Starts = new TimeOnly(14, 0), Ends = new TimeOnly(16, 0) },
        ],
        History = pending
            ? [new EnrolmentHistory { AtUtc = now, Event = "Submitted", Detail = "Demo data: enrolled, waiting for HR's decision." }]
            : [new EnrolmentHistory { AtUtc = now, Event = "Approved", Detail = "Demo data: enrolled and approved." }],
    };

    public static string MentorEmail(int number) => $"mentor{number:00}@demo.local";

    public static string MenteeEmail(int number) => $"mentee{number:00}@demo.local";

    /// <summary>A demo person's own time zone is the one they last enrolled from, so every page shows times where they live.</summary>
    private async Task GiveEachPersonTheirZoneAsync(CancellationToken cancellationToken)
    {
        var zones = await db.Enrolments.AsNoTracking()
            .Where(e => db.Users.Any(u => u.Id == e.UserId && u.TimeZoneId == "UTC"))
            .OrderByDescending(e => e.Id)
            .Select(e => new { e.UserId, e.TimeZoneId })
            .ToListAsync(cancellationToken);
        foreach (var first in zones.GroupBy(z => z.UserId).Select(g => g.First()).Where(z => z.TimeZoneId != "UTC"))
        {
            var user = await db.Users.SingleAsync(u => u.Id == first.UserId, cancellationToken);
            user.TimeZoneId = first.TimeZoneId;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task EnsureUserAsync(string email, string name, string role, string passwordHash, DateTime now)
    {
        if (await users.FindByEmailAsync(email) is not null)
        {
            return;
        }

        var user = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name,
            PasswordHash = passwordHash,
            CreatedAtUtc = now,
        };
        StartupData.Check(await users.CreateAsync(user), $"create demo account {email}");
        await StartupData.EnsureInRoleAsync(db, users, user, role, $"give {email} the role {role}");
    }
}
