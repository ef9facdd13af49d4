using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using ReverseMentoring.Web.Data;
using Xunit.Abstractions;

namespace ReverseMentoring.Tests.Instances;

/// <summary>
/// Two processes of the app on one PostgreSQL database, every background job switched on in both, writing their e-mails
/// into one pickup folder; started once for the tests of a class (each start costs seconds). Before they start, a few
/// invitations are made due for a reminder, pairs due for "have you met yet?" and coordinators due for their daily
/// digest, so that both processes' jobs race for them at start-up.
/// </summary>
public sealed class TwoProcesses : IAsyncLifetime
{
    /// <summary>Pairs accepted longer ago than "have you met yet?" waits, none with a session held.</summary>
    public const int PairsDueForCheckIn = 3;

    public const int CoordinatorsDueForDigest = 3;

    /// <summary>How long a job run is given to finish and write its e-mails, on a busy machine.</summary>
    private static readonly TimeSpan RunTime = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, Mail> _mailOfFile = new();
    private string? _folder;

    public AppProcess First { get; private set; } = null!;

    public AppProcess Second { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public string MailFolder { get; private set; } = "";

    /// <summary>People whose invitation was due for its 7-day reminder when both processes started.</summary>
    public IReadOnlyList<string> DueForReminder { get; private set; } = [];

    /// <summary>Both sides of each pair due for "have you met yet?" when both processes started.</summary>
    public IReadOnlyList<string> DueForCheckIn { get; private set; } = [];

    /// <summary>Coordinators who chose the daily digest, with a program that has something to act on, none sent today.</summary>
    public IReadOnlyList<string> DueForDigest { get; private set; } = [];

    public async Task InitializeAsync()
    {
        if (!PostgreSqlTestServer.IsConfigured)
        {
            return;
        }

        _folder = Directory.CreateTempSubdirectory("rm-processes-").FullName;
        MailFolder = Path.Combine(_folder, "mail");
        ConnectionString = PostgreSqlTestServer.CreateDatabase();
        var now = DateTime.UtcNow;
        DueForReminder = Enumerable.Range(0, 5).Select(i => $"reminded-{i}-{Guid.NewGuid():N}@example.com").ToList();
        await using (var db = Database())
        {
            db.Invitations.AddRange(DueForReminder.Select(email => new Invitation
            {
                Email = email, Role = Roles.Mentee, InvitedAtUtc = now.AddDays(-8), ExpiresAtUtc = now.AddDays(22),
            }));
            await db.SaveChangesAsync();
            await SeedCheckInsAndDigestsDueAsync(db, now);
        }

        First = AppProcess.OnPostgreSql("first", _folder, ConnectionString, MailFolder);
        Second = AppProcess.OnPostgreSql("second", _folder, ConnectionString, MailFolder);
        await Task.WhenAll(First.StartAsync(), Second.StartAsync());
    }

    public async Task DisposeAsync()
    {
        if (_folder is null)
        {
            return;
        }

        await First.DisposeAsync();
        await Second.DisposeAsync();
        PostgreSqlTestServer.DropDatabase(ConnectionString);
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }

    public PostgreSqlAppDbContext Database() =>
        new(new DbContextOptionsBuilder<PostgreSqlAppDbContext>().UseNpgsql(ConnectionString).Options);

    /// <summary>
    /// A running program with <see cref="PairsDueForCheckIn"/> pairs accepted 15 days ago and nothing held, coordinated by
    /// <see cref="CoordinatorsDueForDigest"/> people on the daily digest; an enrolment waiting for review is on their list.
    /// </summary>
    private async Task SeedCheckInsAndDigestsDueAsync(PostgreSqlAppDbContext db, DateTime now)
    {
        var today = DateOnly.FromDateTime(now);
        var program = new MentoringProgram
        {
            Name = $"Check-ins {Guid.NewGuid():N}",
            Objectives = "Check-ins and digests due on both processes at once.",
            StartsOn = today.AddDays(-30),
            EndsOn = today.AddDays(150),
            EnrolmentOpensOn = today.AddDays(-70),
            EnrolmentClosesOn = today.AddDays(-40),
            SessionCadenceDays = 14,
            Formats = SessionFormats.Virtual,
            Status = ProgramStatus.Running,
            CreatedAtUtc = now.AddDays(-70),
        };
        db.Programs.Add(program);
        await db.SaveChangesAsync();

        var accepted = now.AddDays(-15);
        var sides = new List<string>();
        for (var i = 0; i < PairsDueForCheckIn; i++)
        {
            var mentor = Enrol(db, program, Account(db, $"Check-in mentor {i}", now), ParticipantRole.Mentor, EnrolmentStatus.Approved, now);
            var mentee = Enrol(db, program, Account(db, $"Check-in mentee {i}", now), ParticipantRole.Mentee, EnrolmentStatus.Approved, now);
            db.Pairs.Add(new Pair
            {
                ProgramId = program.Id, MentorEnrolment = mentor, MenteeEnrolment = mentee, Status = PairStatus.Accepted,
                MentorResponse = PairResponse.Accepted, MenteeResponse = PairResponse.Accepted, ProposedAtUtc = accepted.AddDays(-2),
                MentorRespondedAtUtc = accepted, MenteeRespondedAtUtc = accepted, AcceptedAtUtc = accepted,
            });
            sides.Add(mentor.User!.Email!);
            sides.Add(mentee.User!.Email!);
        }

        Enrol(db, program, Account(db, "Waiting for review", now), ParticipantRole.Mentee, EnrolmentStatus.Pending, now);
        var coordinators = Enumerable.Range(0, CoordinatorsDueForDigest).Select(i => Account(db, $"Digest coordinator {i}", now)).ToList();
        db.ProgramCoordinators.AddRange(coordinators.Select(c => new ProgramCoordinator { ProgramId = program.Id, User = c, AddedAtUtc = now }));
        await db.SaveChangesAsync();
        DueForCheckIn = sides;
        DueForDigest = coordinators.Select(c => c.Email!).ToList();
    }

    /// <summary>A person with an account (no password: they are only written to), as the directory or a sign-up makes one.</summary>
    public static AppUser Account(AppDbContext db, string name, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        var email = $"{name.Replace(' ', '-').ToLowerInvariant()}-{Guid.NewGuid():N}@example.com";
        var user = new AppUser
        {
            UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
            EmailConfirmed = true, DisplayName = name, CreatedAtUtc = now, SecurityStamp = Guid.NewGuid().ToString("N"),
        };
        db.Users.Add(user);
        return user;
    }

    /// <summary>An enrolment any pairing can use: virtual, in UTC, consented.</summary>
    public static Enrolment Enrol(AppDbContext db, MentoringProgram program, AppUser account, ParticipantRole role, EnrolmentStatus status, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        var enrolment = new Enrolment
        {
            Program = program, User = account, Role = role, Status = status, Department = role == ParticipantRole.Mentor ? "Digital" : "Finance",
            JobLevel = role == ParticipantRole.Mentor ? "Graduate" : "Director", Location = "London", TimeZoneId = "UTC",
            Formats = SessionFormats.Virtual, Interests = "AI tools", Goals = "Learn from each other.", ConsentedAtUtc = now,
            DecidedAtUtc = status == EnrolmentStatus.Approved ? now : null, CreatedAtUtc = now,
        };
        db.Enrolments.Add(enrolment);
        return enrolment;
    }

    /// <summary>How many e-mails the two processes have written to <paramref name="email"/> so far (with a subject that <paramref name="about"/> takes).</summary>
    public int MailsTo(string email, Func<string, bool>? about = null) =>
        Mails().Where(m => about is null || about(m.Subject)).Sum(m => m.To.Count(a => string.Equals(a, email, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Some people, each due one e-mail with a subject that <see cref="About"/> takes.</summary>
    public sealed record OneEach(string What, IReadOnlyCollection<string> People, Func<string, bool> About);

    /// <summary>
    /// Once each person of each group has their e-mail, watches that nobody gets another until both processes have run
    /// every job again since the last of them was written, then asserts one each. A process that has not yet is started
    /// again: each job runs at start-up as at each interval, so this is the next run of every job, now rather than in up
    /// to a minute.
    /// </summary>
    public async Task SentOnceEachAsync(ITestOutputHelper log, params OneEach[] groups)
    {
        ArgumentNullException.ThrowIfNull(log);
        var clock = Stopwatch.StartNew();
        foreach (var group in groups)
        {
            await UntilAsync(() => Task.FromResult(group.People.All(email => MailsTo(email, group.About) >= 1)), group.What, () => First.Output + Second.Output);
            log.WriteLine($"{clock.Elapsed.TotalSeconds,5:0.0} s  {group.What}: all {group.People.Count} sent");
        }

        var written = groups.Max(group => Mails()
            .Where(m => group.About(m.Subject) && m.To.Any(a => group.People.Contains(a, StringComparer.OrdinalIgnoreCase))).Max(m => m.WrittenAtUtc));
        var notRunSince = new[] { First, Second }.Where(p => p.JobsRanAfter(written) + RunTime > DateTime.UtcNow).ToList();
        foreach (var process in notRunSince)
        {
            process.Kill();
        }

        await Task.WhenAll(notRunSince.Select(p => p.StartAsync()));
        log.WriteLine($"{clock.Elapsed.TotalSeconds,5:0.0} s  started again: {string.Join(", ", notRunSince.Select(p => p.Name))}");
        var until = new[] { First.JobsRanAfter(written), Second.JobsRanAfter(written) }.Max() + RunTime;
        var watched = Stopwatch.StartNew();
        do
        {
            foreach (var group in groups)
            {
                foreach (var email in group.People)
                {
                    Assert.True(MailsTo(email, group.About) <= 1, $"{group.What}: {email} got {MailsTo(email, group.About)}.\n{First.Output}\n{Second.Output}");
                }
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < until || watched.Elapsed < TimeSpan.FromSeconds(2));

        log.WriteLine($"{clock.Elapsed.TotalSeconds,5:0.0} s  none sent twice in the {watched.Elapsed.TotalSeconds:0.0} s after both ran every job again");
        Assert.All(groups, group => Assert.All(group.People, email => Assert.Equal(1, MailsTo(email, group.About))));
    }

    private IEnumerable<Mail> Mails()
    {
        if (!Directory.Exists(MailFolder))
        {
            yield break;
        }

        foreach (var path in Directory.GetFiles(MailFolder, "*.eml"))
        {
            if (!_mailOfFile.TryGetValue(path, out var mail))
            {
                try
                {
                    var message = MimeMessage.Load(path);
                    mail = new Mail(message.To.Mailboxes.Select(a => a.Address).ToArray(), message.Subject ?? "", File.GetLastWriteTimeUtc(path));
                }
                catch (Exception unreadable) when (unreadable is IOException or FormatException)
                {
                    // Still being written: counted once it can be read.
                    continue;
                }

                if (mail.To.Length == 0)
                {
                    continue;
                }

                _mailOfFile[path] = mail;
            }

            yield return mail;
        }
    }

    private sealed record Mail(string[] To, string Subject, DateTime WrittenAtUtc);

    /// <summary>Waits for something the processes do in the background; generous, as the machine may be busy.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, Func<string>? output = null)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(90), $"Not within 90 seconds: {what}\n{output?.Invoke()}");
            await Task.Delay(100);
        }
    }
}
