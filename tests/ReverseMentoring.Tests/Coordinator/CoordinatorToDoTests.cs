using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Coordinator;
using static ReverseMentoring.Tests.TestData;

namespace ReverseMentoring.Tests.Coordinator;

/// <summary>HR's landing page: what to act on across the programs they coordinate, each item linked to the page that resolves it.</summary>
public sealed class CoordinatorToDoTests : IDisposable
{
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private DateTime Now => _app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

    private Task CoordinateAsync(MentoringProgram program, Person hr) =>
        _app.ExecuteDbContextAsync(async db =>
        {
            db.ProgramCoordinators.Add(new ProgramCoordinator { ProgramId = program.Id, UserId = hr.Id, AddedAtUtc = Now });
            await db.SaveChangesAsync();
        });

    private static IReadOnlyList<ToDoItem> Items(CoordinatorHome.Result result, ToDoKind kind) =>
        result.Groups.SingleOrDefault(g => g.Kind == kind)?.Items ?? [];

    [Fact]
    public async Task Each_kind_of_item_of_my_programs_is_listed_with_the_page_that_resolves_it_and_other_programs_only_under_all()
    {
        var hr = await _app.PersonAsync(Roles.HrCoordinator);
        var matching = await _app.ProgramAsync(ProgramStatus.Matching);
        var running = await _app.ProgramAsync(ProgramStatus.Running);
        var someoneElses = await _app.ProgramAsync(ProgramStatus.Matching);
        await CoordinateAsync(matching, hr);
        await CoordinateAsync(running, hr);

        var pending = await _app.EnrolAsync(matching, await _app.PersonAsync(ParticipantRole.Mentor), ParticipantRole.Mentor, EnrolmentStatus.Pending);
        var otherPending = await _app.EnrolAsync(someoneElses, await _app.PersonAsync(ParticipantRole.Mentor), ParticipantRole.Mentor, EnrolmentStatus.Pending);
        var declined = await _app.PairAsync(matching, PairStatus.Declined);
        var unanswered = await _app.PairAsync(matching, PairStatus.Proposed, proposedAtUtc: Now.AddDays(-(matching.PairResponseDays + 1)));
        var answeredInTime = await _app.PairAsync(matching, PairStatus.Proposed, proposedAtUtc: Now.AddDays(-1));
        var atRisk = await _app.PairAsync(running, acceptedAtUtc: Now.AddDays(-60));
        var healthy = await _app.PairAsync(running, acceptedAtUtc: Now.AddDays(-3));
        await _app.ExecuteDbContextAsync(async db =>
        {
            var message = OutboxMessage.Queue(Unique("key"), "gone@example.com", "Your pair", "Hello", Now.AddDays(-1));
            message.AttemptFailed("Mailbox unavailable", permanent: true, Now.AddDays(-1));
            db.OutboxMessages.Add(message);
            await db.SaveChangesAsync();
        });

        var mine = await _app.SendAsync(new CoordinatorHome.Query(), hr.As);

        Assert.Equal($"/Programs/{matching.Id}/Enrolments/{pending.Id}", Assert.Single(Items(mine, ToDoKind.EnrolmentToReview)).Link);
        Assert.Equal($"/Programs/{matching.Id}/Pairing", Assert.Single(Items(mine, ToDoKind.DeclineToRepair)).Link);
        Assert.Equal($"/Programs/{matching.Id}/Pairs/{unanswered.Id}", Assert.Single(Items(mine, ToDoKind.UnansweredProposal)).Link);
        var risk = Assert.Single(Items(mine, ToDoKind.PairAtRisk));
        Assert.Equal($"/Programs/{running.Id}/Pairs/{atRisk.Id}", risk.Link);
        Assert.Contains("Quiet", risk.Detail, StringComparison.Ordinal);
        Assert.Equal("/Mail/Undelivered", Assert.Single(Items(mine, ToDoKind.UndeliveredEmail)).Link);
        Assert.DoesNotContain(mine.Groups.SelectMany(g => g.Items), i => i.Link.Contains($"/Pairs/{answeredInTime.Id}", StringComparison.Ordinal)
            || i.Link.Contains($"/Pairs/{healthy.Id}", StringComparison.Ordinal) || i.ProgramId == someoneElses.Id);

        var all = await _app.SendAsync(new CoordinatorHome.Query(AllPrograms: true), hr.As);
        Assert.Contains(Items(all, ToDoKind.EnrolmentToReview), i => i.Link == $"/Programs/{someoneElses.Id}/Enrolments/{otherPending.Id}");

        var client = await _app.SignedInClientAsync(hr.User);
        var html = WebUtility.HtmlDecode(await client.GetHtmlAsync("/Coordinator"));
        Assert.Contains($"href=\"/Programs/{matching.Id}/Enrolments/{pending.Id}\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Programs/{running.Id}/Pairs/{atRisk.Id}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"/Enrolments/{otherPending.Id}\"", html, StringComparison.Ordinal);
        Assert.Contains($"/Enrolments/{otherPending.Id}\"", WebUtility.HtmlDecode(await client.GetHtmlAsync("/Coordinator?programs=all")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Items_disappear_once_decided_answered_or_paired_again()
    {
        var hr = await _app.PersonAsync(Roles.HrCoordinator);
        var program = await _app.ProgramAsync(ProgramStatus.Matching);
        await CoordinateAsync(program, hr);
        var pending = await _app.EnrolAsync(program, await _app.PersonAsync(ParticipantRole.Mentee), ParticipantRole.Mentee, EnrolmentStatus.Pending);
        var declined = await _app.PairAsync(program, PairStatus.Declined);
        var unanswered = await _app.PairAsync(program, PairStatus.Proposed, proposedAtUtc: Now.AddDays(-(program.PairResponseDays + 2)));

        var before = await _app.SendAsync(new CoordinatorHome.Query(), hr.As);
        Assert.Single(Items(before, ToDoKind.EnrolmentToReview));
        Assert.Single(Items(before, ToDoKind.DeclineToRepair));
        Assert.Single(Items(before, ToDoKind.UnansweredProposal));

        await _app.ExecuteDbContextAsync(async db =>
        {
            var enrolment = await db.Enrolments.SingleAsync(e => e.Id == pending.Id);
            enrolment.Approve(hr.Id, Now);
            var pair = await db.Pairs.Include(p => p.MentorEnrolment).Include(p => p.MenteeEnrolment).SingleAsync(p => p.Id == unanswered.Id);
            pair.Accept(ParticipantRole.Mentor, Now);
            pair.Accept(ParticipantRole.Mentee, Now);
            await db.SaveChangesAsync();
        });

        // Both people of the declined pair are proposed to someone else.
        await _app.PairAsync(program, PairStatus.Proposed, mentor: declined.Mentor);
        var middle = await _app.SendAsync(new CoordinatorHome.Query(), hr.As);
        Assert.Single(Items(middle, ToDoKind.DeclineToRepair));
        await _app.PairAsync(program, PairStatus.Proposed, mentee: declined.Mentee);

        var after = await _app.SendAsync(new CoordinatorHome.Query(), hr.As);
        Assert.Empty(after.Groups);
        Assert.Contains("Nothing to do. New enrolments, declines and pairs at risk appear here.",
            await (await _app.SignedInClientAsync(hr.User)).GetHtmlAsync("/Coordinator"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_group_is_capped_with_a_link_to_see_all_of_it()
    {
        var hr = await _app.PersonAsync(Roles.HrCoordinator);
        var program = await _app.ProgramAsync(ProgramStatus.Enrolling);
        await CoordinateAsync(program, hr);
        for (var i = 0; i < CoordinatorHome.GroupCap + 2; i++)
        {
            await _app.EnrolAsync(program, await _app.PersonAsync(ParticipantRole.Mentor), ParticipantRole.Mentor, EnrolmentStatus.Pending);
        }

        var capped = Assert.Single((await _app.SendAsync(new CoordinatorHome.Query(), hr.As)).Groups);
        Assert.Equal(CoordinatorHome.GroupCap + 2, capped.Total);
        Assert.Equal(CoordinatorHome.GroupCap, capped.Items.Count);
        var html = await (await _app.SignedInClientAsync(hr.User)).GetHtmlAsync("/Coordinator");
        Assert.Contains("href=\"/Coordinator?programs=mine&amp;kind=EnrolmentToReview\"", html, StringComparison.Ordinal);

        var full = Assert.Single((await _app.SendAsync(new CoordinatorHome.Query(Only: ToDoKind.EnrolmentToReview), hr.As)).Groups);
        Assert.Equal(CoordinatorHome.GroupCap + 2, full.Items.Count);
    }

    [Theory]
    [InlineData(Roles.Mentor)]
    [InlineData(Roles.Mentee)]
    [InlineData(Roles.Leadership)]
    public async Task Only_hr_may_open_the_home(string role)
    {
        var client = await _app.SignedInClientAsync(role);

        var response = await client.GetAsync(new Uri("/Coordinator", UriKind.Relative));

        Assert.True(response.StatusCode == HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/Account/AccessDenied", StringComparison.Ordinal)),
            $"{role} got {response.StatusCode} {response.Headers.Location}");
    }
}
