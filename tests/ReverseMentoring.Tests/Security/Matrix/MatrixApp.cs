using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Resources;

namespace ReverseMentoring.Tests.Security.Matrix;

/// <summary>Who asks: nobody signed in, or one person holding one role.</summary>
public enum Who
{
    Anonymous,
    Mentor,
    Mentee,
    Hr,
    Leadership,
}

/// <summary>
/// The app with its background jobs off (so row counts only change when a test posts), one signed-in person per role,
/// and seeded worlds: programs, enrolments, pairs, sessions, check-ins and resources of the signed-in mentor and mentee
/// next to the same records of another pair they must never reach.
/// </summary>
public sealed class MatrixApp : AppFactory
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<Who, HttpClient> _clients = [];
    private readonly Dictionary<Who, AppUser> _people = [];
    private World? _world;

    public static IReadOnlyList<Who> Everyone { get; } = Enum.GetValues<Who>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            // A job writing rows in the middle of a post would make "nothing half-saved" flaky; tests here only post.
            foreach (var job in services.Where(IsAppJob).ToList())
            {
                services.Remove(job);
            }
        });
    }

    private static bool IsAppJob(ServiceDescriptor service) =>
        service.ServiceType == typeof(IHostedService)
        && (service.ImplementationType ?? service.ImplementationInstance?.GetType())?.Assembly == typeof(Program).Assembly;

    public static string RoleOf(Who who) => who switch
    {
        Who.Mentor => Roles.Mentor,
        Who.Mentee => Roles.Mentee,
        Who.Hr => Roles.HrCoordinator,
        Who.Leadership => Roles.Leadership,
        _ => "",
    };

    /// <summary>The one person of each role the tests act as; the mentor and mentee are pair A in every seeded world.</summary>
    public async Task<AppUser?> PersonAsync(Who who)
    {
        if (who == Who.Anonymous)
        {
            return null;
        }

        await _gate.WaitAsync();
        try
        {
            if (!_people.TryGetValue(who, out var person))
            {
                person = await CreateUserAsync(RoleOf(who), name: $"Matrix {who}");
                _people[who] = person;
            }

            return person;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<System.Security.Claims.ClaimsPrincipal?> PrincipalAsync(Who who) =>
        await PersonAsync(who) is { } person ? PrincipalFor(person, RoleOf(who)) : null;

    /// <summary>A client of that person, signed in once through the real form and kept (cookies and all).</summary>
    public async Task<HttpClient> ClientAsync(Who who)
    {
        var person = await PersonAsync(who);
        await _gate.WaitAsync();
        try
        {
            if (!_clients.TryGetValue(who, out var client))
            {
                client = person is null ? Client() : await SignInAsync(person);
                _clients[who] = client;
            }

            return client;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A new client of that person, for a test that signs out or otherwise spoils its cookies.</summary>
    public async Task<HttpClient> FreshClientAsync(Who who) =>
        await PersonAsync(who) is { } person ? await SignInAsync(person) : Client();

    private async Task<HttpClient> SignInAsync(AppUser person)
    {
        var client = Client();
        var response = await client.PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = person.Email!, ["Data.Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>One world shared by the tests that only read.</summary>
    public async Task<World> WorldAsync()
    {
        await _gate.WaitAsync();
        var existing = _world;
        _gate.Release();
        if (existing is not null)
        {
            return existing;
        }

        var world = await SeedAsync();
        await _gate.WaitAsync();
        _world ??= world;
        _gate.Release();
        return _world;
    }

    /// <summary>Every routable page, as "/Programs/{id}/Edit" (constraints left out).</summary>
    public IReadOnlyList<string> DiscoverPageRoutes() => PageDescriptors().Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>The page routes with their POST handler names ("" for the unnamed OnPost).</summary>
    public Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> DiscoverPostHandlersAsync() => DiscoverHandlersAsync("POST");

    /// <summary>The page routes with their GET handler names ("" for the unnamed OnGet).</summary>
    public Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> DiscoverGetHandlersAsync() => DiscoverHandlersAsync("GET");

    private async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> DiscoverHandlersAsync(string method)
    {
        var loader = Services.GetRequiredService<PageLoader>();
        var result = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (route, descriptor) in PageDescriptors())
        {
            var compiled = await loader.LoadAsync(descriptor, Microsoft.AspNetCore.Http.EndpointMetadataCollection.Empty);
            var posts = compiled.HandlerMethods
                .Where(h => string.Equals(h.HttpMethod, method, StringComparison.OrdinalIgnoreCase))
                .Select(h => h.Name ?? "")
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToList();
            if (posts.Count > 0)
            {
                result[route] = posts;
            }
        }

        return result;
    }

    private Dictionary<string, PageActionDescriptor> PageDescriptors() =>
        Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<PageActionDescriptor>()
            .Where(d => d.AttributeRouteInfo?.Template is not null)
            // An Index page answers at "/Programs" and "/Programs/Index"; it is one page, listed by its shorter route.
            .GroupBy(d => d.ViewEnginePath, StringComparer.Ordinal)
            .Select(g => g.OrderBy(d => d.AttributeRouteInfo!.Template!.Length).First())
            .ToDictionary(d => Route(d.AttributeRouteInfo!.Template!), d => d, StringComparer.Ordinal);

    public static string Route(string template) =>
        "/" + Regex.Replace(template, @"\{([^}:?=]+)[^}]*\}", "{$1}").Trim('/');

    /// <summary>Row counts of every table, to prove a rejected post saved nothing.</summary>
    public Task<Dictionary<string, long>> RowCountsAsync() =>
        ExecuteDbContextAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            try
            {
                var tables = new List<string>();
                await using (var list = connection.CreateCommand())
                {
                    list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
                    await using var reader = await list.ExecuteReaderAsync();
                    while (await reader.ReadAsync())
                    {
                        tables.Add(reader.GetString(0));
                    }
                }

                var counts = new Dictionary<string, long>(StringComparer.Ordinal);
                foreach (var table in tables)
                {
                    await using var count = connection.CreateCommand();
                    count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
                    counts[table] = Convert.ToInt64(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
                }

                return counts;
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });

    /// <summary>
    /// A fresh world: a running program with pairs A (the signed-in mentor and mentee) and B (two others), a matching
    /// program with a proposed pair of each, an enrolling program nobody joined yet, and the records around them.
    /// </summary>
    public async Task<World> SeedAsync()
    {
        var mentor = (await PersonAsync(Who.Mentor))!;
        var mentee = (await PersonAsync(Who.Mentee))!;
        var hr = (await PersonAsync(Who.Hr))!;
        var otherMentor = await CreateUserAsync(Roles.Mentor, name: "Other Mentor");
        var otherMentee = await CreateUserAsync(Roles.Mentee, name: "Other Mentee");
        var files = Services.GetRequiredService<ResourceFiles>();
        Directory.CreateDirectory(files.Folder);
        var now = DateTime.UtcNow;
        var today = DateOnly.FromDateTime(now);
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["mentorUser"] = mentor.Id,
            ["menteeUser"] = mentee.Id,
            ["otherMentorUser"] = otherMentor.Id,
            ["hrUser"] = hr.Id,
        };

        await ExecuteDbContextAsync(async db =>
        {
            var skill = await db.Skills.OrderBy(s => s.Id).FirstAsync();
            var running = NewProgram("Running", ProgramStatus.Running, today.AddDays(-30), today.AddDays(150), skill.Id);
            var matching = NewProgram("Matching", ProgramStatus.Matching, today.AddDays(10), today.AddDays(190), skill.Id);
            var enrolling = NewProgram("Enrolling", ProgramStatus.Enrolling, today.AddDays(30), today.AddDays(210), skill.Id);
            var closed = NewProgram("Closed", ProgramStatus.Closed, today.AddDays(-200), today.AddDays(-20), skill.Id);
            var archived = NewProgram("Archived", ProgramStatus.Closed, today.AddDays(-400), today.AddDays(-220), skill.Id);
            archived.ArchivedAtUtc = now.AddDays(-10);
            db.Programs.AddRange(running, matching, enrolling, closed, archived);
            await db.SaveChangesAsync();

            var myMentoring = NewEnrolment(running.Id, mentor.Id, ParticipantRole.Mentor, skill.Id, now);
            var myLearning = NewEnrolment(running.Id, mentee.Id, ParticipantRole.Mentee, skill.Id, now);
            var theirMentoring = NewEnrolment(running.Id, otherMentor.Id, ParticipantRole.Mentor, skill.Id, now);
            var theirLearning = NewEnrolment(running.Id, otherMentee.Id, ParticipantRole.Mentee, skill.Id, now);
            var myMatching = NewEnrolment(matching.Id, mentor.Id, ParticipantRole.Mentor, skill.Id, now);
            var myMatchingMentee = NewEnrolment(matching.Id, mentee.Id, ParticipantRole.Mentee, skill.Id, now);
            var theirMatching = NewEnrolment(matching.Id, otherMentor.Id, ParticipantRole.Mentor, skill.Id, now);
            var theirMatchingMentee = NewEnrolment(matching.Id, otherMentee.Id, ParticipantRole.Mentee, skill.Id, now);
            var pending = NewEnrolment(enrolling.Id, otherMentee.Id, ParticipantRole.Mentee, skill.Id, now, EnrolmentStatus.Pending);
            db.Enrolments.AddRange(myMentoring, myLearning, theirMentoring, theirLearning, myMatching, myMatchingMentee, theirMatching, theirMatchingMentee, pending);
            await db.SaveChangesAsync();

            var pairA = NewPair(running.Id, myMentoring.Id, myLearning.Id, PairStatus.Accepted, now);
            var pairB = NewPair(running.Id, theirMentoring.Id, theirLearning.Id, PairStatus.Accepted, now);
            var proposedA = NewPair(matching.Id, myMatching.Id, myMatchingMentee.Id, PairStatus.Proposed, now);
            var proposedB = NewPair(matching.Id, theirMatching.Id, theirMatchingMentee.Id, PairStatus.Proposed, now);
            db.Pairs.AddRange(pairA, pairB, proposedA, proposedB);
            await db.SaveChangesAsync();

            // Two more mentors and mentees waiting in the matching program, one pair of them pinned, and a pairing run
            // over them: the board shows its publish, pin, ban, swap and remove forms.
            var waiting = new List<Enrolment>();
            for (var i = 0; i < 2; i++)
            {
                var waitingMentor = await CreateUserAsync(Roles.Mentor, name: $"Waiting Mentor {i}");
                var waitingMentee = await CreateUserAsync(Roles.Mentee, name: $"Waiting Mentee {i}");
                waiting.Add(NewEnrolment(matching.Id, waitingMentor.Id, ParticipantRole.Mentor, skill.Id, now));
                waiting.Add(NewEnrolment(matching.Id, waitingMentee.Id, ParticipantRole.Mentee, skill.Id, now));
            }

            db.Enrolments.AddRange(waiting);
            await db.SaveChangesAsync();
            db.PairingRules.Add(new PairingRule
            {
                ProgramId = matching.Id, MentorEnrolmentId = waiting[0].Id, MenteeEnrolmentId = waiting[1].Id, Kind = PairingRuleKind.Pin, CreatedAtUtc = now, CreatedByUserId = hr.Id,
            });
            await db.SaveChangesAsync();
            var run = await RunPairing.RunAsync(db, matching, hr.Id, now, CancellationToken.None);
            var unpinned = StoredRun.FromJson(run.Result).Pairs.First(p => !p.Pinned);
            tokens["runPairKey"] = $"{unpinned.MentorId}-{unpinned.MenteeId}";

            var topicId = running.Topics[0].Id;
            var sessionA = NewSession(running.Id, pairA.Id, now.AddDays(3), SessionStatus.Scheduled, mentor.Id, now, topicId);
            var heldA = NewSession(running.Id, pairA.Id, now.AddDays(-2), SessionStatus.Held, mentor.Id, now, topicId);
            var sessionB = NewSession(running.Id, pairB.Id, now.AddDays(4), SessionStatus.Scheduled, otherMentor.Id, now, topicId);
            var heldB = NewSession(running.Id, pairB.Id, now.AddDays(-3), SessionStatus.Held, otherMentor.Id, now, topicId);
            var pastA = NewSession(running.Id, pairA.Id, now.AddDays(-1), SessionStatus.Scheduled, mentor.Id, now, topicId);
            var pastB = NewSession(running.Id, pairB.Id, now.AddDays(-1), SessionStatus.Scheduled, otherMentor.Id, now, topicId);
            db.Sessions.AddRange(sessionA, heldA, sessionB, heldB, pastA, pastB);
            await db.SaveChangesAsync();

            var feedbackB = new Feedback
            {
                ProgramId = running.Id, PairId = pairB.Id, SessionId = heldB.Id, ByUserId = otherMentor.Id, Role = ParticipantRole.Mentor,
                Rating = 4, Comment = "Useful.", CreatedAtUtc = now,
            };
            db.SessionFeedback.Add(feedbackB);
            var question = new CheckInQuestion { ProgramId = running.Id, Text = "How is it going?", Kind = CheckInQuestionKind.Rating, SortOrder = 1 };
            db.CheckInQuestions.Add(question);
            var checkInMentor = NewCheckIn(running.Id, pairA.Id, myMentoring.Id, mentor.Id, ParticipantRole.Mentor, CheckInKind.Milestone, 30, now);
            var checkInMentee = NewCheckIn(running.Id, pairA.Id, myLearning.Id, mentee.Id, ParticipantRole.Mentee, CheckInKind.Milestone, 30, now);
            var metMentor = NewCheckIn(running.Id, pairA.Id, myMentoring.Id, mentor.Id, ParticipantRole.Mentor, CheckInKind.HaveYouMet, 14, now);
            var checkInOther = NewCheckIn(running.Id, pairB.Id, theirMentoring.Id, otherMentor.Id, ParticipantRole.Mentor, CheckInKind.Milestone, 30, now);
            var metOther = NewCheckIn(running.Id, pairB.Id, theirMentoring.Id, otherMentor.Id, ParticipantRole.Mentor, CheckInKind.HaveYouMet, 14, now);
            db.CheckIns.AddRange(checkInMentor, checkInMentee, metMentor, checkInOther, metOther);

            var forMentors = FileResource(files, running.Id, "Mentor guide", ResourceAudience.Mentors, now);
            var forMentees = FileResource(files, running.Id, "Mentee guide", ResourceAudience.Mentees, now);
            var link = new Resource
            {
                ProgramId = running.Id, Title = "Reading list", Description = "For everyone.", Url = "https://example.com/reading",
                Audience = ResourceAudience.Both, AddedAtUtc = now,
            };
            db.Resources.AddRange(forMentors, forMentees, link);
            var invitation = new Invitation
            {
                Email = $"invited-{Guid.NewGuid():N}@example.com", Role = Roles.Mentee, ProgramId = enrolling.Id, InvitedAtUtc = now, ExpiresAtUtc = now.AddDays(14),
            };
            db.Invitations.Add(invitation);
            var ownSkill = new Skill { Name = $"Skill {Guid.NewGuid():N}"[..30], Description = "A skill of this world." };
            db.Skills.Add(ownSkill);
            await db.SaveChangesAsync();

            tokens["program"] = Id(running.Id);
            tokens["matchingProgram"] = Id(matching.Id);
            tokens["enrollingProgram"] = Id(enrolling.Id);
            tokens["closedProgram"] = Id(closed.Id);
            tokens["archivedProgram"] = Id(archived.Id);
            tokens["enrolment"] = Id(myMentoring.Id);
            tokens["menteeEnrolment"] = Id(myLearning.Id);
            tokens["otherEnrolment"] = Id(theirMentoring.Id);
            tokens["pendingEnrolment"] = Id(pending.Id);
            tokens["pair"] = Id(pairA.Id);
            tokens["otherPair"] = Id(pairB.Id);
            tokens["proposedPair"] = Id(proposedA.Id);
            tokens["otherProposedPair"] = Id(proposedB.Id);
            tokens["session"] = Id(sessionA.Id);
            tokens["heldSession"] = Id(heldA.Id);
            tokens["otherSession"] = Id(sessionB.Id);
            tokens["otherHeldSession"] = Id(heldB.Id);
            tokens["pastSession"] = Id(pastA.Id);
            tokens["otherPastSession"] = Id(pastB.Id);
            tokens["otherFeedback"] = Id(feedbackB.Id);
            tokens["question"] = Id(question.Id);
            tokens["checkIn"] = Id(checkInMentor.Id);
            tokens["menteeCheckIn"] = Id(checkInMentee.Id);
            tokens["metCheckIn"] = Id(metMentor.Id);
            tokens["otherCheckIn"] = Id(checkInOther.Id);
            tokens["otherMetCheckIn"] = Id(metOther.Id);
            tokens["mentorResource"] = Id(forMentors.Id);
            tokens["menteeResource"] = Id(forMentees.Id);
            tokens["linkResource"] = Id(link.Id);
            tokens["invitation"] = Id(invitation.Id);
            tokens["skill"] = Id(ownSkill.Id);
            tokens["pairVersion"] = proposedA.Version.ToString();
            tokens["otherPairVersion"] = proposedB.Version.ToString();
            tokens["otherEnrolmentVersion"] = theirMentoring.Version.ToString();
        });

        return new World(tokens);
    }

    private static string Id(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static MentoringProgram NewProgram(string name, ProgramStatus status, DateOnly starts, DateOnly ends, int skillId) => new()
    {
        Name = $"{name} program {Guid.NewGuid():N}"[..40],
        Objectives = "Senior leaders learn AI tools from junior colleagues.",
        StartsOn = starts,
        EndsOn = ends,
        EnrolmentOpensOn = starts.AddDays(-60),
        EnrolmentClosesOn = status == ProgramStatus.Enrolling ? starts.AddDays(-5) : starts.AddDays(-20),
        Formats = SessionFormats.InPerson | SessionFormats.Virtual,
        Status = status,
        CreatedAtUtc = DateTime.UtcNow,
        Topics = [new ProgramTopic { Title = "AI assistants at work", SuggestedActivities = "Draft an e-mail together.", SkillId = skillId, SortOrder = 1 }],
    };

    private static Enrolment NewEnrolment(int programId, string userId, ParticipantRole role, int skillId, DateTime now, EnrolmentStatus status = EnrolmentStatus.Approved) => new()
    {
        ProgramId = programId,
        UserId = userId,
        Role = role,
        Status = status,
        Department = role == ParticipantRole.Mentor ? "Marketing" : "Finance",
        JobLevel = role == ParticipantRole.Mentor ? "Graduate" : "Director",
        Location = "London",
        TimeZoneId = "Europe/London",
        Formats = SessionFormats.Virtual | SessionFormats.InPerson,
        Interests = "Photography.",
        Goals = "Learn and teach.",
        ConsentedAtUtc = now,
        CreatedAtUtc = now,
        Skills = [new EnrolmentSkill { SkillId = skillId, Direction = role == ParticipantRole.Mentor ? SkillDirection.Teach : SkillDirection.Learn, Level = 3 }],
        Availability = [new AvailabilitySlot { Day = DayOfWeek.Tuesday, Starts = new TimeOnly(9, 0), Ends = new TimeOnly(12, 0) }],
    };

    private static Pair NewPair(int programId, int mentorEnrolmentId, int menteeEnrolmentId, PairStatus status, DateTime now) => new()
    {
        ProgramId = programId,
        MentorEnrolmentId = mentorEnrolmentId,
        MenteeEnrolmentId = menteeEnrolmentId,
        Score = 800,
        ScorePercent = 80,
        Reasons = "teaches AI tools 3/5",
        Status = status,
        MentorResponse = status == PairStatus.Accepted ? PairResponse.Accepted : PairResponse.Pending,
        MenteeResponse = status == PairStatus.Accepted ? PairResponse.Accepted : PairResponse.Pending,
        ProposedAtUtc = now.AddDays(-3),
        AcceptedAtUtc = status == PairStatus.Accepted ? now.AddDays(-2) : null,
    };

    private static Session NewSession(int programId, int pairId, DateTime startsAt, SessionStatus status, string by, DateTime now, int topicId)
    {
        var starts = new DateTime(startsAt.Year, startsAt.Month, startsAt.Day, 10, 0, 0, DateTimeKind.Utc);
        return new Session
        {
            ProgramId = programId,
            PairId = pairId,
            StartsAtUtc = starts,
            DurationMinutes = 60,
            EndsAtUtc = starts.AddMinutes(60),
            Format = SessionFormats.Virtual,
            Location = "https://meet.example.com/abc",
            Status = status,
            ScheduledByUserId = by,
            CreatedAtUtc = now.AddDays(-5),
            HeldMinutes = status == SessionStatus.Held ? 60 : null,
            Notes = status == SessionStatus.Held ? "Private notes of the pair." : null,
            LoggedAtUtc = status == SessionStatus.Held ? now : null,
            LoggedByUserId = status == SessionStatus.Held ? by : null,
            Topics = [new SessionTopic { ProgramTopicId = topicId, Kind = SessionTopicKind.Agenda }],
        };
    }

    private static CheckIn NewCheckIn(int programId, int pairId, int enrolmentId, string userId, ParticipantRole role, CheckInKind kind, int day, DateTime now) => new()
    {
        ProgramId = programId,
        PairId = pairId,
        EnrolmentId = enrolmentId,
        UserId = userId,
        Role = role,
        Kind = kind,
        DayNumber = day,
        SentAtUtc = now.AddHours(-1),
    };

    private static Resource FileResource(ResourceFiles files, int programId, string title, ResourceAudience audience, DateTime now)
    {
        var stored = $"{Guid.NewGuid():N}.txt";
        File.WriteAllText(Path.Combine(files.Folder, stored), $"{title}: how to get the most out of your sessions.");
        return new Resource
        {
            ProgramId = programId, Title = title, Description = "A short guide.", FileName = $"{title}.txt", StoredFileName = stored,
            ContentType = "text/plain; charset=utf-8", SizeBytes = 60, Audience = audience, AddedAtUtc = now,
        };
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var client in _clients.Values)
            {
                client.Dispose();
            }

            _gate.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>The ids of one seeded world, by name; "{program}" in a URL becomes the running program's id.</summary>
public sealed record World(IReadOnlyDictionary<string, string> Tokens)
{
    public string Url(string template) =>
        Regex.Replace(template, @"\{([A-Za-z]+)\}", m => Tokens.TryGetValue(m.Groups[1].Value, out var value)
            ? value
            : throw new InvalidOperationException($"No seeded record for {{{m.Groups[1].Value}}} in {template}."));

    public int Id(string token) => int.Parse(Tokens[token], System.Globalization.CultureInfo.InvariantCulture);
}
