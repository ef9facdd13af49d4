using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Security.Matrix;

/// <summary>
/// The signed-in mentor (of pair A) asks for pair B's records by id, through the pages and straight through the
/// requests: every one is a 404 / <see cref="NotFoundException"/>, exactly as if it did not exist, and nothing changes.
/// </summary>
public sealed class OtherPeoplesRecordsTests(MatrixApp app) : IClassFixture<MatrixApp>
{
    /// <summary>Pages opened by URL with someone else's id (tokens from the seeded world).</summary>
    public static IReadOnlyList<(string Route, string Url)> Pages { get; } =
    [
        ("/Participant/Programs/{programId}/Pairs/{pairId}/{answer}", "/Participant/Programs/{matchingProgram}/Pairs/{otherProposedPair}/Accept"),
        ("/Participant/Programs/{programId}/Pairs/{pairId}/{answer}", "/Participant/Programs/{matchingProgram}/Pairs/{otherProposedPair}/Decline"),
        ("/Resources/{id}/Download", "/Resources/{menteeResource}/Download"),
        ("/Participant/Groups/{id}", "/Participant/Groups/{otherGroup}"),
        ("/Participant/Groups/{groupId}/Schedule", "/Participant/Groups/{otherGroup}/Schedule"),
        ("/Participant/GroupSessions/{id}", "/Participant/GroupSessions/{otherGroupSession}"),
        ("/Participant/GroupSessions/{id}/Calendar", "/Participant/GroupSessions/{otherGroupSession}/Calendar"),
        ("/Participant/GroupSessions/{id}/Log", "/Participant/GroupSessions/{otherPastGroupSession}/Log"),
        ("/Participant/Sessions/{id}", "/Participant/Sessions/{otherSession}"),
        ("/Participant/Sessions/{id}/Calendar", "/Participant/Sessions/{otherSession}/Calendar"),
        ("/Participant/Sessions/Reschedule/{id}", "/Participant/Sessions/Reschedule/{otherSession}"),
        ("/Participant/Sessions/Cancel/{id}", "/Participant/Sessions/Cancel/{otherSession}"),
        ("/Participant/Sessions/Schedule", "/Participant/Sessions/Schedule?pairId={otherPair}"),
        ("/Participant/Sessions/Log/{id}", "/Participant/Sessions/Log/{otherPastSession}"),
        ("/Participant/Feedback/Give/{sessionId}", "/Participant/Feedback/Give/{otherHeldSession}"),
        ("/Participant/CheckIns/{id}", "/Participant/CheckIns/{otherCheckIn}"),
        ("/Participant/CheckIns/{id}", "/Participant/CheckIns/{menteeCheckIn}"),
        ("/Participant/CheckIns/{id}/Met", "/Participant/CheckIns/{otherMetCheckIn}/Met"),
        ("/Participant/Skills/Progress/{pairId}", "/Participant/Skills/Progress/{otherPair}"),
        ("/Participant/EndPair/{pairId}", "/Participant/EndPair/{otherPair}"),
        ("/Participant/Pairs/{pairId}/Agreement", "/Participant/Pairs/{otherPair}/Agreement"),
        ("/Participant/Pairs/{pairId}/Goals", "/Participant/Pairs/{otherPair}/Goals"),
        ("/Participant/Pairs/{pairId}/Messages", "/Participant/Pairs/{otherPair}/Messages"),
        ("/Participant/Pairs/{pairId}/Messages/{messageId}/Attachment", "/Participant/Pairs/{otherPair}/Messages/{otherMessage}/Attachment"),
        ("/Participant/Pairs/{pairId}/Concern", "/Participant/Pairs/{otherPair}/Concern"),

        // The seeded world has no mentor request; SelfService/AnswerRequestTests answers another mentor's and gets not found.
        ("/Participant/Requests/{requestId}", "/Participant/Requests/0"),
    ];

    /// <summary>Forms posted with someone else's id, with otherwise valid values so only ownership can refuse them.</summary>
    public static IReadOnlyList<(string Url, Dictionary<string, string> Fields)> Posts { get; } =
    [
        ("/Participant/Programs/{matchingProgram}/Pairs/{otherProposedPair}/Accept", new() { ["Data.Version"] = "{otherPairVersion}" }),
        ("/Participant/Programs/{program}/Withdraw", new() { ["Data.EnrolmentId"] = "{otherEnrolment}", ["Data.Version"] = "{otherEnrolmentVersion}", ["Data.Reason"] = "Leaving." }),
        ("/Participant/Sessions/Log/{otherPastSession}", new() { ["Data.SessionId"] = "{otherPastSession}", ["Data.HeldMinutes"] = "60", ["Data.Notes"] = "Notes." }),
        ("/Participant/Feedback/Give/{otherHeldSession}", new() { ["Data.SessionId"] = "{otherHeldSession}", ["Data.Rating"] = "4", ["Data.Comment"] = "Good." }),
        ("/Participant/CheckIns/{otherMetCheckIn}/Met", new() { ["Data.CheckInId"] = "{otherMetCheckIn}", ["Data.Met"] = "true" }),
        ("/Participant/CheckIns/{otherCheckIn}", new() { ["Data.CheckInId"] = "{otherCheckIn}" }),
        ("/Participant/Skills/Progress/{otherPair}", new() { ["Data.PairId"] = "{otherPair}", ["Data.Stage"] = "Start" }),
        ("/Participant/EndPair/{otherPair}", new() { ["Data.PairId"] = "{otherPair}", ["Data.Ending"] = "Completed", ["Data.Reason"] = "Done.", ["Data.Confirm"] = "true" }),
        ("/Participant/Pairs/{otherPair}/Messages", new() { ["Data.Text"] = "Hello." }),
        ("/Participant/Pairs/{otherPair}/Messages?handler=Report", new() { ["Report.MessageId"] = "{otherMessage}" }),
        ("/Participant/Pairs/{otherPair}/Concern", new() { ["Data.Category"] = "Tone", ["Data.Text"] = "Something is wrong." }),
        ("/Participant/Sessions/Cancel/{otherSession}", new() { ["Data.SessionId"] = "{otherSession}", ["Data.Reason"] = "Ill.", ["Data.Confirm"] = "true" }),
        ("/Participant/Pairs/{otherPair}/Agreement?handler=Sign", new() { ["Signature.Version"] = "1" }),
        ("/Participant/Pairs/{otherPair}/Agreement?handler=Propose", new()
        {
            ["Revision.BasedOn"] = "1", ["Revision.Cadence"] = "Monthly.", ["Revision.Cancelling"] = "A day ahead.", ["Revision.Learns"] = "Prompts.",
        }),
        ("/Participant/Pairs/{otherPair}/Goals?handler=Add", new() { ["New.Title"] = "A goal." }),
        ("/Participant/Sessions/Schedule?pairId={otherPair}", new()
        {
            ["Data.PairId"] = "{otherPair}", ["Data.Date"] = "{inTenDays}", ["Data.Time"] = "10:00", ["Data.DurationMinutes"] = "60",
            ["Data.Format"] = "Virtual", ["Data.Location"] = "https://meet.example.com/x",
        }),
        ("/Participant/Sessions/Reschedule/{otherSession}", new()
        {
            ["Data.SessionId"] = "{otherSession}", ["Data.Date"] = "{inTenDays}", ["Data.Time"] = "10:00", ["Data.DurationMinutes"] = "60",
            ["Data.Format"] = "Virtual", ["Data.Location"] = "https://meet.example.com/x",
        }),
    ];

    /// <summary>Requests sent straight to the mediator with someone else's id.</summary>
    public static IReadOnlyList<(string Request, Dictionary<string, string> Values)> Requests { get; } =
    [
        ("Pairing.RespondToPair.Command", new() { ["PairId"] = "{otherProposedPair}", ["Answer"] = "Accept", ["Version"] = "{otherPairVersion}" }),
        ("Enrolments.WithdrawEnrolment.Command", new() { ["EnrolmentId"] = "{otherEnrolment}", ["Version"] = "{otherEnrolmentVersion}" }),
        ("Resources.DownloadResource.Query", new() { ["Id"] = "{menteeResource}" }),
        ("Groups.ViewGroup.Query", new() { ["GroupId"] = "{otherGroup}" }),
        ("Groups.PostGroupMessage.Command", new() { ["GroupId"] = "{otherGroup}", ["Text"] = "Hello." }),
        ("Groups.ScheduleGroupSession.FormQuery", new() { ["GroupId"] = "{otherGroup}" }),
        ("Groups.ScheduleGroupSession.Command", new()
        {
            ["GroupId"] = "{otherGroup}", ["Date"] = "{inTenDays}", ["Time"] = "10:00", ["DurationMinutes"] = "60", ["Format"] = "Virtual",
            ["Location"] = "https://meet.example.com/x",
        }),
        ("Groups.ViewGroupSession.Query", new() { ["SessionId"] = "{otherGroupSession}" }),
        ("Groups.GroupSessionCalendarFile.Query", new() { ["SessionId"] = "{otherGroupSession}" }),
        ("Groups.CancelGroupSession.Command", new() { ["SessionId"] = "{otherGroupSession}", ["Reason"] = "Ill." }),
        ("Groups.LogGroupSession.FormQuery", new() { ["SessionId"] = "{otherPastGroupSession}" }),
        ("Groups.LogGroupSession.Command", new() { ["SessionId"] = "{otherPastGroupSession}", ["HeldMinutes"] = "60" }),
        ("Sessions.ViewSession.Query", new() { ["SessionId"] = "{otherSession}" }),
        ("Sessions.SessionCalendarFile.Query", new() { ["SessionId"] = "{otherSession}" }),
        ("Sessions.RescheduleSession.Command", new()
        {
            ["SessionId"] = "{otherSession}", ["Date"] = "{inTenDays}", ["Time"] = "10:00", ["DurationMinutes"] = "60", ["Format"] = "Virtual",
            ["Location"] = "https://meet.example.com/x",
        }),
        ("Sessions.RescheduleSession.FormQuery", new() { ["SessionId"] = "{otherSession}" }),
        ("Sessions.CancelSession.Command", new() { ["SessionId"] = "{otherSession}", ["Reason"] = "Ill.", ["Confirm"] = "true" }),
        ("Sessions.ScheduleSession.FormQuery", new() { ["PairId"] = "{otherPair}" }),
        ("Sessions.ScheduleSession.Command", new()
        {
            ["PairId"] = "{otherPair}", ["Date"] = "{inTenDays}", ["Time"] = "10:00", ["DurationMinutes"] = "60", ["Format"] = "Virtual",
            ["Location"] = "https://meet.example.com/x",
        }),
        ("Sessions.LogSession.Query", new() { ["SessionId"] = "{otherPastSession}" }),
        ("Sessions.LogSession.Command", new() { ["SessionId"] = "{otherPastSession}", ["HeldMinutes"] = "60" }),
        ("SessionFeedback.GiveFeedback.Query", new() { ["SessionId"] = "{otherHeldSession}" }),
        ("SessionFeedback.GiveFeedback.Command", new() { ["SessionId"] = "{otherHeldSession}", ["Rating"] = "4" }),
        ("CheckIns.ViewCheckIn.Query", new() { ["CheckInId"] = "{otherCheckIn}" }),
        ("CheckIns.AnswerCheckIn.Command", new() { ["CheckInId"] = "{otherCheckIn}" }),
        ("CheckIns.AnswerHaveYouMet.Command", new() { ["CheckInId"] = "{otherMetCheckIn}", ["Met"] = "true" }),
        ("Skills.SkillsProgress.Query", new() { ["PairId"] = "{otherPair}" }),
        ("Skills.RateSkills.Command", new() { ["PairId"] = "{otherPair}", ["Stage"] = "Start" }),
        ("Skills.RateGrowth.Command", new() { ["PairId"] = "{otherPair}", ["Stage"] = "Start" }),
        ("Skills.RateMentor.Command", new() { ["PairId"] = "{otherPair}", ["Coaching"] = "4" }),
        ("Pairs.EndPair.Query", new() { ["PairId"] = "{otherPair}" }),
        ("Conversations.PairMessages.Query", new() { ["PairId"] = "{otherPair}" }),
        ("Conversations.PairMessages.MarkRead", new() { ["PairId"] = "{otherPair}" }),
        ("Conversations.PostMessage.Command", new() { ["PairId"] = "{otherPair}", ["Text"] = "Hello." }),
        ("Conversations.ReportMessage.Command", new() { ["PairId"] = "{otherPair}", ["MessageId"] = "{otherMessage}" }),
        ("Conversations.DownloadAttachment.Query", new() { ["PairId"] = "{otherPair}", ["MessageId"] = "{otherMessage}" }),
        ("Conversations.RaiseConcern.Query", new() { ["PairId"] = "{otherPair}" }),
        ("Conversations.RaiseConcern.Command", new() { ["PairId"] = "{otherPair}", ["Category"] = "Tone", ["Text"] = "Something is wrong." }),
        ("Pairs.EndPair.Command", new() { ["PairId"] = "{otherPair}", ["Ending"] = "Completed", ["Reason"] = "Done.", ["Confirm"] = "true" }),
        ("Agreements.ViewAgreement.Query", new() { ["PairId"] = "{otherPair}" }),
        ("Agreements.ViewAgreement.StateQuery", new() { ["PairId"] = "{otherPair}" }),
        ("Agreements.SignAgreement.Command", new() { ["PairId"] = "{otherPair}", ["Version"] = "1" }),
        ("Agreements.ProposeRevision.Command", new() { ["PairId"] = "{otherPair}", ["BasedOn"] = "1", ["Cadence"] = "Monthly.", ["Cancelling"] = "A day ahead." }),
        ("Goals.ListGoals.Query", new() { ["PairId"] = "{otherPair}" }),
        ("Goals.SetGoal.Command", new() { ["PairId"] = "{otherPair}", ["Title"] = "A goal." }),
        ("Goals.ChangeGoal.Command", new() { ["PairId"] = "{otherPair}", ["GoalId"] = "1", ["Title"] = "A goal." }),
        ("Journal.WriteJournalEntry.Query", new() { ["SessionId"] = "{otherSession}" }),
        ("Journal.WriteJournalEntry.Command", new() { ["SessionId"] = "{otherHeldSession}", ["Learned"] = "Something." }),
    ];

    /// <summary>Participant requests that take a record id but have no row above, with the reason.</summary>
    public static IReadOnlyDictionary<string, string> NotApplicable { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Enrolments.ViewProgram.Query"] = "a program is not personal: any participant may read it (their own enrolment in it is filtered)",
        ["Resources.MyProgramResources.Query"] = "covered per program: a program the person is not enrolled in gives 404 (see below)",
        ["Enrolments.EnrolInProgram.FormQuery"] = "a program is not personal",
        ["Enrolments.EnrolInProgram.Command"] = "a program is not personal; the enrolment is always the caller's own",
        ["Resources.MarkResourceDone.Command"] = "the record marked is always the caller's own; a resource of another program or side gives 404 (Training tests)",
        ["Account.Profile.Command"] = "TimeZoneId names a time zone, not a record; the profile is always the caller's own",
        ["SelfService.BrowseMentors.Query"] = "SkillId names a catalogue skill, not a record; the mentee is always the caller",
        ["SelfService.AnswerRequest.Query"] = "the seeded world has no mentor request; SelfService/AnswerRequestTests tries another mentor's and the mentee's own",
        ["SelfService.AnswerRequest.Command"] = "the seeded world has no mentor request; SelfService/AnswerRequestTests answers another mentor's and gets not found",
        ["KnowledgeSharing.CancelKnowledgeSession.Command"] = "a knowledge-sharing session is the program's, not a pair's: another program's gives 404, another person's seat is never addressed (KnowledgeSharing tests)",
        ["KnowledgeSharing.ChangeKnowledgeCapacity.Command"] = "a knowledge-sharing session is the program's, not a pair's: another program's gives 404, another person's seat is never addressed (KnowledgeSharing tests)",
        ["KnowledgeSharing.GiveKnowledgeFeedback.Command"] = "a knowledge-sharing session is the program's, not a pair's: another program's gives 404, another person's seat is never addressed (KnowledgeSharing tests)",
        ["KnowledgeSharing.GiveKnowledgeFeedback.Query"] = "a knowledge-sharing session is the program's, not a pair's: another program's gives 404, another person's seat is never addressed (KnowledgeSharing tests)",
        ["KnowledgeSharing.GiveUpKnowledgeSeat.Command"] = "a knowledge-sharing session is the program's, not a pair's: another program's gives 404, another person's seat is never addressed (KnowledgeSharing tests)",
        ["KnowledgeSharing.KnowledgeCalendarFile.Query"] = "a knowledge-sharing session is the program's, not a pair's: another program's gives 404, another person's seat is never addressed (KnowledgeSharing tests)",
        ["KnowledgeSharing.RecordKnowledgeAttendance.Command"] = "a knowledge-sharing session is the program's, not a pair's: another program's gives 404, another person's seat is never addressed (KnowledgeSharing tests)",
        ["KnowledgeSharing.RecordKnowledgeAttendance.Query"] = "a knowledge-sharing session is the program's, not a pair's: another program's gives 404, another person's seat is never addressed (KnowledgeSharing tests)",
        ["KnowledgeSharing.SignUpForKnowledgeSession.Command"] = "a knowledge-sharing session is the program's, not a pair's: another program's gives 404, another person's seat is never addressed (KnowledgeSharing tests)",
        ["KnowledgeSharing.ViewKnowledgeSession.Query"] = "a knowledge-sharing session is the program's, not a pair's: another program's gives 404, another person's seat is never addressed (KnowledgeSharing tests)",
    };

    public static TheoryData<string> PageCases() => new(Pages.Select(p => p.Url));

    public static TheoryData<string> PostCases() => new(Posts.Select(p => p.Url));

    public static TheoryData<string> RequestCases() => new(Requests.Select(r => r.Request));

    private async Task<World> WorldAsync()
    {
        var world = await app.WorldAsync();
        var tokens = new Dictionary<string, string>(world.Tokens, StringComparer.Ordinal)
        {
            ["inTenDays"] = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(10)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        return new World(tokens);
    }

    [Fact]
    public void Every_participant_page_that_takes_a_record_id_is_tried_with_someone_elses()
    {
        var covered = Pages.Select(p => p.Route).ToHashSet(StringComparer.Ordinal);
        var missing = app.DiscoverPageRoutes()
            .Where(r => r.StartsWith("/Participant/", StringComparison.Ordinal) || r.StartsWith("/Resources/", StringComparison.Ordinal))
            .Where(r => Regex.Matches(r, @"\{(\w+)\}").Any(m => m.Groups[1].Value is not ("programId" or "answer")))
            .Where(r => !covered.Contains(r))
            .ToList();

        Assert.True(missing.Count == 0, "Pages taking a record id with no other-person row: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_participant_request_that_takes_a_record_id_is_tried_with_someone_elses()
    {
        var covered = Requests.Select(r => r.Request).ToHashSet(StringComparer.Ordinal);
        var missing = RequestAuthorizationMatrixTests.DiscoverRequests()
            .Where(r => RequestAuthorizationMatrixTests.Declared(r.Value) is var may
                && (may.HasFlag(May.Mentor) || may.HasFlag(May.Mentee) || may.HasFlag(May.AnySignedIn)))
            .Where(r => r.Value.GetProperties().Any(p => p.Name.EndsWith("Id", StringComparison.Ordinal) && p.Name != "ProgramId"))
            .Select(r => r.Key)
            .Where(name => !covered.Contains(name) && !NotApplicable.ContainsKey(name))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(missing.Count == 0, "Requests taking a record id with no other-person row: " + string.Join(", ", missing));
    }

    [Theory]
    [MemberData(nameof(PageCases))]
    public async Task A_mentor_opening_another_pairs_record_gets_404(string url)
    {
        var world = await WorldAsync();
        var client = await app.ClientAsync(Who.Mentor);

        using var response = await client.GetAsync(new Uri(world.Url(url), UriKind.Relative));

        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"GET {world.Url(url)} as the mentor of pair A: {(int)response.StatusCode}");
    }

    [Theory]
    [MemberData(nameof(PostCases))]
    public async Task A_mentor_posting_to_another_pairs_record_gets_404_and_changes_nothing(string url)
    {
        var world = await WorldAsync();
        var client = await app.ClientAsync(Who.Mentor);
        var fields = Posts.First(p => p.Url == url).Fields.ToDictionary(f => f.Key, f => world.Url(f.Value), StringComparer.Ordinal);
        var before = await app.RowCountsAsync();

        // The token comes from a form of the mentor's own (the layout's sign-out form carries none).
        using var response = await client.PostFormAsync(world.Url(url), fields, formPage: world.Url("/Participant/Programs/{program}/Withdraw"));

        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"POST {world.Url(url)} as the mentor of pair A: {(int)response.StatusCode}");
        Assert.Equal(before, await app.RowCountsAsync());
        await AssertPairBUntouchedAsync(world);
    }

    [Theory]
    [MemberData(nameof(RequestCases))]
    public async Task A_mentor_sending_a_request_for_another_pairs_record_is_told_it_does_not_exist(string name)
    {
        Assert.True(RequestAuthorizationMatrixTests.DiscoverRequests().TryGetValue(name, out var type), $"{name} is no longer a request of the app.");
        var world = await WorldAsync();
        var request = RequestAuthorizationMatrixTests.Minimal(type);
        foreach (var (property, value) in Requests.First(r => r.Request == name).Values)
        {
            Set(request, property, world.Url(value));
        }

        var before = await app.RowCountsAsync();
        var mentor = await app.PrincipalAsync(Who.Mentor);
        var failure = await Record.ExceptionAsync(() => app.RunAsAsync(mentor, async services =>
        {
            await services.GetRequiredService<IMediator>().Send(request);
        }));

        Assert.True(failure is NotFoundException, $"{name} for pair B's record as the mentor of pair A: {failure?.GetType().Name ?? "no failure"} {failure?.Message}");
        Assert.Equal(before, await app.RowCountsAsync());
        await AssertPairBUntouchedAsync(world);
    }

    [Theory]
    [InlineData("/Participant/Programs/{enrollingProgram}/Resources")]
    [InlineData("/Participant/Programs/{enrollingProgram}/Withdraw")]
    public async Task A_mentor_opening_a_program_they_have_not_joined_as_if_enrolled_gets_404(string url)
    {
        var world = await WorldAsync();
        var client = await app.ClientAsync(Who.Mentor);

        using var response = await client.GetAsync(new Uri(world.Url(url), UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private Task AssertPairBUntouchedAsync(World world) =>
        app.ExecuteDbContextAsync(async db =>
        {
            var pair = await db.Pairs.AsNoTracking().SingleAsync(p => p.Id == world.Id("otherPair"));
            var proposed = await db.Pairs.AsNoTracking().SingleAsync(p => p.Id == world.Id("otherProposedPair"));
            var enrolment = await db.Enrolments.AsNoTracking().SingleAsync(e => e.Id == world.Id("otherEnrolment"));
            var session = await db.Sessions.AsNoTracking().SingleAsync(s => s.Id == world.Id("otherSession"));
            var past = await db.Sessions.AsNoTracking().SingleAsync(s => s.Id == world.Id("otherPastSession"));
            var checkIns = await db.CheckIns.AsNoTracking().Where(c => c.PairId == pair.Id).ToListAsync();
            Assert.Equal((PairStatus.Accepted, PairStatus.Proposed), (pair.Status, proposed.Status));
            Assert.Equal(EnrolmentStatus.Approved, enrolment.Status);
            Assert.Equal(SessionStatus.Scheduled, session.Status);
            Assert.Null(past.LoggedAtUtc);
            Assert.All(checkIns, c => Assert.Null(c.AnsweredAtUtc));
        });

    private static void Set(object request, string name, string value)
    {
        var property = request.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance)
            ?? throw new InvalidOperationException($"{request.GetType().Name} has no property {name}.");
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        object converted = type switch
        {
            _ when type == typeof(string) => value,
            _ when type == typeof(Guid) => Guid.Parse(value),
            _ when type == typeof(DateOnly) => DateOnly.Parse(value, CultureInfo.InvariantCulture),
            _ when type == typeof(TimeOnly) => TimeOnly.Parse(value, CultureInfo.InvariantCulture),
            _ when type.IsEnum => Enum.Parse(type, value),
            _ => Convert.ChangeType(value, type, CultureInfo.InvariantCulture),
        };

        // Positional records expose init-only setters; reflection sets them like any other.
        property.SetValue(request, converted);
    }
}
