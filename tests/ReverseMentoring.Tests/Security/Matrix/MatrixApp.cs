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
                client = person is null ? Client() : await SignedInClientAsync(person);
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
        await PersonAsync(who) is { } person ? await SignedInClientAsync(person) : Client();

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
    /// program with a proposed pair of each, an enrolling program nobody joined yet, and the records around them, all
    /// made with <see cref="TestData"/>.
    /// </summary>
    public async Task<World> SeedAsync()
    {
        var mentor = new Person((await PersonAsync(Who.Mentor))!, (await PrincipalAsync(Who.Mentor))!);
        var mentee = new Person((await PersonAsync(Who.Mentee))!, (await PrincipalAsync(Who.Mentee))!);
        var hr = (await PersonAsync(Who.Hr))!;
        var otherMentor = await this.PersonAsync(Roles.Mentor, "Other Mentor");
        var otherMentee = await this.PersonAsync(Roles.Mentee, "Other Mentee");
        var now = DateTime.UtcNow;
        DateTime AtTen(int days) => now.Date.AddDays(days).AddHours(10);

        var running = await this.ProgramAsync(ProgramStatus.Running, name: TestData.Unique("Running program"));
        var matching = await this.ProgramAsync(ProgramStatus.Matching, name: TestData.Unique("Matching program"));
        var enrolling = await this.ProgramAsync(ProgramStatus.Enrolling, name: TestData.Unique("Enrolling program"));
        var closed = await this.ProgramAsync(ProgramStatus.Closed, name: TestData.Unique("Closed program"));
        var archived = await this.ProgramAsync(ProgramStatus.Closed, archived: true, name: TestData.Unique("Archived program"));

        var theirMentoring = await this.EnrolAsync(running, otherMentor, ParticipantRole.Mentor);
        var pairA = await this.PairAsync(running, mentor: mentor, mentee: mentee, proposedAtUtc: now.AddDays(-3), acceptedAtUtc: now.AddDays(-2));
        var pairB = await this.PairAsync(running, mentor: otherMentor, mentee: otherMentee, proposedAtUtc: now.AddDays(-3), acceptedAtUtc: now.AddDays(-2));
        var proposedA = await this.PairAsync(matching, PairStatus.Proposed, mentor, mentee, proposedAtUtc: now.AddDays(-3));
        var proposedB = await this.PairAsync(matching, PairStatus.Proposed, otherMentor, otherMentee, proposedAtUtc: now.AddDays(-3));
        var pending = await this.EnrolAsync(enrolling, otherMentee, ParticipantRole.Mentee, EnrolmentStatus.Pending);

        // Two more mentors and mentees waiting in the matching program, one pair of them pinned (which runs the
        // pairing over them): the board shows its publish, pin, ban, swap and remove forms.
        var waiting = new List<Enrolment>();
        for (var i = 0; i < 2; i++)
        {
            waiting.Add(await this.EnrolAsync(matching, await this.PersonAsync(Roles.Mentor, $"Waiting Mentor {i}"), ParticipantRole.Mentor));
            waiting.Add(await this.EnrolAsync(matching, await this.PersonAsync(Roles.Mentee, $"Waiting Mentee {i}"), ParticipantRole.Mentee));
        }

        await SendAsync(new PinPair.Command { ProgramId = matching.Id, MentorEnrolmentId = waiting[0].Id, MenteeEnrolmentId = waiting[1].Id }, await PrincipalAsync(Who.Hr));
        var runPairs = (await this.LatestPairingRunAsync(matching.Id)).Stored.Pairs;
        var unpinned = runPairs.First(p => !p.Pinned);
        var pinned = runPairs.First(p => p.Pinned);

        // The signed-in mentor also mentors a second mentee, and runs both mentees as a group with a session ahead and one past.
        var groupMentee = await this.PersonAsync(Roles.Mentee, "Group Mentee");
        var pairC = await this.PairAsync(running, mentor: mentor, mentee: groupMentee, proposedAtUtc: now.AddDays(-3), acceptedAtUtc: now.AddDays(-2));
        var group = await SendAsync(new ReverseMentoring.Web.Features.Groups.CreateGroup.Command
        {
            ProgramId = running.Id, Name = "Matrix circle", PairIds = [pairA.Id, pairC.Id],
        }, mentor.As);
        Session GroupSession(DateTime starts) => new()
        {
            ProgramId = running.Id, GroupId = group, StartsAtUtc = starts, DurationMinutes = 60, EndsAtUtc = starts.AddHours(1),
            Format = SessionFormats.Virtual, Location = "https://meet.example.com/circle", Status = SessionStatus.Scheduled,
            ScheduledByUserId = mentor.Id, CreatedAtUtc = now.AddDays(-7),
        };
        var otherGroupMentee = await this.PersonAsync(Roles.Mentee, "Other Group Mentee");
        var pairD = await this.PairAsync(running, mentor: otherMentor, mentee: otherGroupMentee, proposedAtUtc: now.AddDays(-3), acceptedAtUtc: now.AddDays(-2));
        var otherGroup = await SendAsync(new ReverseMentoring.Web.Features.Groups.CreateGroup.Command
        {
            ProgramId = running.Id, Name = "Other circle", PairIds = [pairB.Id, pairD.Id],
        }, otherMentor.As);
        var groupSession = GroupSession(AtTen(5).AddHours(4));
        var pastGroupSession = GroupSession(AtTen(-4).AddHours(4));
        var otherGroupSession = GroupSession(AtTen(6).AddHours(4));
        otherGroupSession.GroupId = otherGroup;
        otherGroupSession.ScheduledByUserId = otherMentor.Id;
        var otherPastGroupSession = GroupSession(AtTen(-5).AddHours(4));
        otherPastGroupSession.GroupId = otherGroup;
        otherPastGroupSession.ScheduledByUserId = otherMentor.Id;
        await ExecuteDbContextAsync(async db =>
        {
            db.Sessions.AddRange(groupSession, pastGroupSession, otherGroupSession, otherPastGroupSession);
            await db.SaveChangesAsync();
        });

        const string notes = "Private notes of the pair.";
        var sessionA = await this.SessionAsync(pairA, SessionStatus.Scheduled, AtTen(3));
        var heldA = await this.SessionAsync(pairA, SessionStatus.Held, AtTen(-2), change: s => s.Log(pairA.Mentor.Id, 60, [], notes, false, null, s.EndsAtUtc));
        var sessionB = await this.SessionAsync(pairB, SessionStatus.Scheduled, AtTen(4));
        var heldB = await this.SessionAsync(pairB, SessionStatus.Held, AtTen(-3), change: s => s.Log(pairB.Mentor.Id, 60, [], notes, false, null, s.EndsAtUtc));
        var pastA = await this.SessionAsync(pairA, SessionStatus.Scheduled, AtTen(-1));
        var pastB = await this.SessionAsync(pairB, SessionStatus.Scheduled, AtTen(-1));

        var feedbackB = await this.FeedbackAsync(pairB, heldB, ParticipantRole.Mentor, 4, "Useful.");

        // A knowledge-sharing session of the running program, hosted by the signed-in mentor, the mentee booked.
        var knowledge = KnowledgeSession.Offer(running.Id, mentor.Id, "AI assistants for leaders", "Hands-on.", AtTen(5), 60,
            SessionFormats.Virtual, "https://meet.example.com/knowledge", 10, now);
        knowledge.SignUp(mentee.Id, now);
        await ExecuteDbContextAsync(async db =>
        {
            db.KnowledgeSessions.Add(knowledge);
            return await db.SaveChangesAsync();
        });
        var question = await this.QuestionAsync(running, "How is it going?", CheckInQuestionKind.Rating);
        var sent = now.AddHours(-1);
        var checkInMentor = await this.CheckInAsync(pairA, ParticipantRole.Mentor, sentAtUtc: sent);
        var checkInMentee = await this.CheckInAsync(pairA, ParticipantRole.Mentee, sentAtUtc: sent);
        var metMentor = await this.CheckInAsync(pairA, ParticipantRole.Mentor, CheckInKind.HaveYouMet, sentAtUtc: sent);
        var checkInOther = await this.CheckInAsync(pairB, ParticipantRole.Mentor, sentAtUtc: sent);
        var metOther = await this.CheckInAsync(pairB, ParticipantRole.Mentor, CheckInKind.HaveYouMet, sentAtUtc: sent);

        var forMentors = await this.ResourceAsync(running, "Mentor guide", ResourceAudience.Mentors);
        var forMentees = await this.ResourceAsync(running, "Mentee guide", ResourceAudience.Mentees);
        var link = await this.ResourceAsync(running, "Reading list", ResourceAudience.Both, "https://example.com/reading");
        var invitation = await this.InvitationAsync(enrolling.Id, Roles.Mentee, expiresAtUtc: now.AddDays(14));
        var ownSkill = await this.SkillIdAsync(TestData.Unique("Skill"));
        var messageA = await SendAsync(new ReverseMentoring.Web.Features.Conversations.PostMessage.Command { PairId = pairA.Id, Text = "A message of pair A." }, mentor.As);
        var messageB = await SendAsync(new ReverseMentoring.Web.Features.Conversations.PostMessage.Command { PairId = pairB.Id, Text = "A message of pair B." }, otherMentor.As);

        // What HR's page of pair A shows with its forms: a message reported to HR and an open concern.
        await SendAsync(new ReverseMentoring.Web.Features.Conversations.ReportMessage.Command { PairId = pairA.Id, MessageId = messageA }, mentee.As);
        await SendAsync(new ReverseMentoring.Web.Features.Conversations.RaiseConcern.Command
        {
            PairId = pairA.Id, Category = ConcernCategory.Tone, Text = "A concern about pair A.",
        }, mentee.As);

        return new World(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["mentorUser"] = mentor.Id,
            ["menteeUser"] = mentee.Id,
            ["otherMentorUser"] = otherMentor.Id,
            ["hrUser"] = hr.Id,
            ["program"] = Id(running.Id),
            ["matchingProgram"] = Id(matching.Id),
            ["enrollingProgram"] = Id(enrolling.Id),
            ["closedProgram"] = Id(closed.Id),
            ["archivedProgram"] = Id(archived.Id),
            ["enrolment"] = Id(pairA.MentorEnrolmentId),
            ["menteeEnrolment"] = Id(pairA.MenteeEnrolmentId),
            ["otherEnrolment"] = Id(theirMentoring.Id),
            ["pendingEnrolment"] = Id(pending.Id),
            ["pair"] = Id(pairA.Id),
            ["otherPair"] = Id(pairB.Id),
            ["proposedPair"] = Id(proposedA.Id),
            ["otherProposedPair"] = Id(proposedB.Id),
            ["group"] = Id(group),
            ["groupSession"] = Id(groupSession.Id),
            ["pastGroupSession"] = Id(pastGroupSession.Id),
            ["otherGroup"] = Id(otherGroup),
            ["otherGroupSession"] = Id(otherGroupSession.Id),
            ["otherPastGroupSession"] = Id(otherPastGroupSession.Id),
            ["session"] = Id(sessionA.Id),
            ["heldSession"] = Id(heldA.Id),
            ["otherSession"] = Id(sessionB.Id),
            ["otherHeldSession"] = Id(heldB.Id),
            ["pastSession"] = Id(pastA.Id),
            ["otherPastSession"] = Id(pastB.Id),
            ["otherFeedback"] = Id(feedbackB.Id),
            ["knowledgeSession"] = Id(knowledge.Id),
            ["question"] = Id(question.Id),
            ["checkIn"] = Id(checkInMentor.Id),
            ["menteeCheckIn"] = Id(checkInMentee.Id),
            ["metCheckIn"] = Id(metMentor.Id),
            ["otherCheckIn"] = Id(checkInOther.Id),
            ["otherMetCheckIn"] = Id(metOther.Id),
            ["mentorResource"] = Id(forMentors.Id),
            ["menteeResource"] = Id(forMentees.Id),
            ["linkResource"] = Id(link.Id),
            ["invitation"] = Id(invitation.Id),
            ["skill"] = Id(ownSkill),
            ["message"] = Id(messageA),
            ["otherMessage"] = Id(messageB),
            ["pairVersion"] = proposedA.Version.ToString(),
            ["otherPairVersion"] = proposedB.Version.ToString(),
            ["otherEnrolmentVersion"] = theirMentoring.Version.ToString(),
            ["runPairKey"] = $"{unpinned.MentorId}-{unpinned.MenteeId}",
            ["runSwap"] = $"swap={unpinned.MenteeId}&with={pinned.MenteeId}",
        });
    }

    private static string Id(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

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
