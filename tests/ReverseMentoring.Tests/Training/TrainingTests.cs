using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Resources;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Training;

/// <summary>
/// Training before the first session: HR marks resources required, participants mark resources done with the day, the
/// required ones left are listed per program, and HR sees completion per resource and per person.
/// </summary>
public sealed class TrainingTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private async Task<Person> HrAsync() => await app.PersonAsync(Roles.HrCoordinator);

    private async Task<Resource> RequiredAsync(MentoringProgram program, string title, ResourceAudience audience, Person hr)
    {
        var resource = await app.ResourceAsync(program, title, audience);
        await app.SendAsync(new SetResourceRequired.Command { ProgramId = program.Id, ResourceId = resource.Id, Required = true }, hr.As);
        return resource;
    }

    private Task<MyProgramResources.Result> MineAsync(MentoringProgram program, Person person) =>
        app.SendAsync(new MyProgramResources.Query(program.Id), person.As);

    private Task<string> MarkDoneAsync(MentoringProgram program, Resource resource, Person person, DateOnly on) =>
        app.SendAsync(new MarkResourceDone.Command { ProgramId = program.Id, ResourceId = resource.Id, CompletedOn = on }, person.As);

    [Fact]
    public async Task Hr_marks_a_resource_required_and_the_change_is_audited_and_shown_to_participants()
    {
        var hr = await HrAsync();
        var program = await app.ProgramAsync();
        var mentor = await app.PersonAsync(ParticipantRole.Mentor);
        await app.EnrolAsync(program, mentor, ParticipantRole.Mentor);
        var optional = await app.ResourceAsync(program, "Topic guide");
        var required = await RequiredAsync(program, "Active listening", ResourceAudience.Both, hr);

        var mine = await MineAsync(program, mentor);

        Assert.True(mine.Resources.Single(r => r.Id == required.Id).Required);
        Assert.False(mine.Resources.Single(r => r.Id == optional.Id).Required);
        Assert.Equal(1, mine.RequiredLeft);
        Assert.Equal(required.Id, mine.Resources[0].Id);
        Assert.True(await app.ExecuteDbContextAsync(db => db.AuditEntries.AnyAsync(a =>
            a.Entity == nameof(Resource) && a.EntityId == required.Id.ToString() && a.Changes.Contains("RequiredBeforeFirstSession"))));
    }

    [Fact]
    public async Task Marking_done_records_my_day_for_me_only_and_marking_again_moves_the_day()
    {
        var program = await app.ProgramAsync();
        var me = await app.PersonAsync(ParticipantRole.Mentor);
        var colleague = await app.PersonAsync(ParticipantRole.Mentor);
        await app.EnrolAsync(program, me, ParticipantRole.Mentor);
        await app.EnrolAsync(program, colleague, ParticipantRole.Mentor);
        var resource = await app.ResourceAsync(program, "How to mentor upward", ResourceAudience.Mentors);

        Assert.Equal("How to mentor upward", await MarkDoneAsync(program, resource, me, Today.AddDays(-3)));
        Assert.Equal(Today.AddDays(-3), (await MineAsync(program, me)).Resources.Single().DoneOn);
        Assert.Null((await MineAsync(program, colleague)).Resources.Single().DoneOn);

        await MarkDoneAsync(program, resource, me, Today.AddDays(-1));
        var saved = await app.ExecuteDbContextAsync(db => db.ResourceCompletions.AsNoTracking().Where(d => d.ResourceId == resource.Id).ToListAsync());
        var only = Assert.Single(saved);
        Assert.Equal((me.User.Id, Today.AddDays(-1), program.Id), (only.UserId, only.CompletedOn, only.ProgramId));
    }

    [Fact]
    public async Task A_day_in_the_future_is_refused_and_nothing_is_saved()
    {
        var program = await app.ProgramAsync();
        var me = await app.PersonAsync(ParticipantRole.Mentee);
        await app.EnrolAsync(program, me, ParticipantRole.Mentee);
        var resource = await app.ResourceAsync(program, "Being mentored by a junior colleague", ResourceAudience.Mentees);

        var refusal = await TestData.RefusalAsync(() => MarkDoneAsync(program, resource, me, Today.AddDays(3)), nameof(MarkResourceDone.Command.CompletedOn));

        Assert.Equal("The day you did it cannot be in the future.", refusal);
        Assert.False(await app.ExecuteDbContextAsync(db => db.ResourceCompletions.AnyAsync(d => d.ResourceId == resource.Id)));
    }

    [Fact]
    public async Task Another_programs_resource_or_one_for_the_other_side_is_not_found()
    {
        var program = await app.ProgramAsync();
        var elsewhere = await app.ProgramAsync();
        var me = await app.PersonAsync(ParticipantRole.Mentor);
        await app.EnrolAsync(program, me, ParticipantRole.Mentor);
        var theirs = await app.ResourceAsync(elsewhere, "Elsewhere's guide");
        var forMentees = await app.ResourceAsync(program, "For mentees", ResourceAudience.Mentees);

        await Assert.ThrowsAsync<NotFoundException>(() =>
            app.SendAsync(new MarkResourceDone.Command { ProgramId = program.Id, ResourceId = theirs.Id, CompletedOn = Today }, me.As));
        await Assert.ThrowsAsync<NotFoundException>(() => MarkDoneAsync(elsewhere, theirs, me, Today));
        await Assert.ThrowsAsync<NotFoundException>(() => MarkDoneAsync(program, forMentees, me, Today));
        Assert.False(await app.ExecuteDbContextAsync(db => db.ResourceCompletions.AnyAsync(d => d.UserId == me.User.Id)));
    }

    [Fact]
    public async Task The_required_left_are_listed_per_program_for_my_side_until_done()
    {
        var hr = await HrAsync();
        var first = await app.ProgramAsync(name: TestData.Unique("First"));
        var second = await app.ProgramAsync(name: TestData.Unique("Second"));
        var closed = await app.ProgramAsync(ProgramStatus.Closed);
        var me = await app.PersonAsync(ParticipantRole.Mentor);
        foreach (var program in new[] { first, second, closed })
        {
            await app.EnrolAsync(program, me, ParticipantRole.Mentor);
        }

        var listening = await RequiredAsync(first, "Active listening", ResourceAudience.Both, hr);
        var upward = await RequiredAsync(first, "How to mentor upward", ResourceAudience.Mentors, hr);
        await RequiredAsync(first, "Being mentored by a junior colleague", ResourceAudience.Mentees, hr);
        await app.ResourceAsync(first, "Optional reading");
        var feedback = await RequiredAsync(second, "Giving feedback across levels", ResourceAudience.Both, hr);
        await RequiredAsync(closed, "Old guide", ResourceAudience.Both, hr);

        await MarkDoneAsync(first, listening, me, Today);
        var left = await app.ExecuteDbContextAsync(db => RequiredTraining.RequiredLeftForAsync(db, me.User.Id, CancellationToken.None));

        Assert.Equal(
            new[] { (first.Id, upward.Id), (second.Id, feedback.Id) }.Order(),
            left.SelectMany(p => p.Resources.Select(r => (p.ProgramId, r.ResourceId))).Order());

        await MarkDoneAsync(first, upward, me, Today);
        await MarkDoneAsync(second, feedback, me, Today);
        Assert.Empty(await app.ExecuteDbContextAsync(db => RequiredTraining.RequiredLeftForAsync(db, me.User.Id, CancellationToken.None)));
    }

    [Fact]
    public async Task Hr_sees_completion_counts_per_resource_and_per_person()
    {
        var hr = await HrAsync();
        var program = await app.ProgramAsync();
        var ana = await app.PersonAsync(ParticipantRole.Mentor, "Ana Able");
        var ben = await app.PersonAsync(ParticipantRole.Mentor, "Ben Busy");
        var cat = await app.PersonAsync(ParticipantRole.Mentee, "Cat Chief");
        var rejected = await app.PersonAsync(ParticipantRole.Mentee, "Dan Declined");
        await app.EnrolAsync(program, ana, ParticipantRole.Mentor);
        await app.EnrolAsync(program, ben, ParticipantRole.Mentor);
        await app.EnrolAsync(program, cat, ParticipantRole.Mentee);
        await app.EnrolAsync(program, rejected, ParticipantRole.Mentee, EnrolmentStatus.Rejected, decisionReason: "Not this time.");
        var upward = await RequiredAsync(program, "How to mentor upward", ResourceAudience.Mentors, hr);
        var listening = await RequiredAsync(program, "Active listening", ResourceAudience.Both, hr);
        var optional = await app.ResourceAsync(program, "Giving feedback across levels");
        await MarkDoneAsync(program, upward, ana, Today.AddDays(-2));
        await MarkDoneAsync(program, listening, ana, Today.AddDays(-1));
        await MarkDoneAsync(program, listening, cat, Today);
        await MarkDoneAsync(program, optional, ben, Today);

        var seen = await app.SendAsync(new TrainingCompletion.Query(program.Id), hr.As);

        Assert.Equal((1, 2), Counts(seen, upward.Id));
        Assert.Equal((2, 3), Counts(seen, listening.Id));
        Assert.Equal((1, 3), Counts(seen, optional.Id));
        Assert.Equal(2, seen.PeopleReady);
        Assert.Equal(3, seen.Pager.Total);
        Assert.Equal(
            new[] { ("Ana Able", 2, 2, (DateOnly?)Today.AddDays(-1)), ("Ben Busy", 0, 2, Today), ("Cat Chief", 1, 1, Today) },
            seen.People.Select(p => (p.Name, p.RequiredDone, p.RequiredTotal, p.LastDoneOn)));
    }

    private static (int Done, int For) Counts(TrainingCompletion.Result result, int resourceId) =>
        result.Resources.Single(r => r.Id == resourceId) is var row ? (row.Done, row.For) : default;

    [Fact]
    public async Task The_completion_page_lists_people_a_page_at_a_time()
    {
        var program = await app.ProgramAsync();
        for (var i = 0; i < TrainingCompletion.PageSize + 2; i++)
        {
            await app.EnrolAsync(program, await app.PersonAsync(ParticipantRole.Mentor, $"Person {i:00}"), ParticipantRole.Mentor);
        }

        var hr = await HrAsync();
        var second = await app.SendAsync(new TrainingCompletion.Query(program.Id, 2), hr.As);

        Assert.Equal((2, 2, TrainingCompletion.PageSize + 2), (second.Pager.Page, second.Pager.PageCount, second.Pager.Total));
        Assert.Equal(["Person 25", "Person 26"], second.People.Select(p => p.Name));
    }

    [Fact]
    public async Task A_participant_cannot_see_hrs_completion_page()
    {
        var program = await app.ProgramAsync();
        var mentor = await app.PersonAsync(ParticipantRole.Mentor);
        await app.EnrolAsync(program, mentor, ParticipantRole.Mentor);

        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new TrainingCompletion.Query(program.Id), mentor.As));
        var response = await (await app.SignedInClientAsync(mentor.User)).GetAsync(new Uri($"/Programs/{program.Id}/Training", UriKind.Relative));
        Assert.True(response.StatusCode is HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/Account/AccessDenied", StringComparison.Ordinal)),
            $"{(int)response.StatusCode} {response.Headers.Location}");
        await Assert.ThrowsAsync<RequestAuthorizationException>(() =>
            app.SendAsync(new SetResourceRequired.Command { ProgramId = program.Id, ResourceId = 1, Required = true }, mentor.As));
    }

    [Fact]
    public async Task A_participant_marks_a_resource_done_from_the_resources_page()
    {
        var program = await app.ProgramAsync();
        var mentee = await app.PersonAsync(ParticipantRole.Mentee);
        await app.EnrolAsync(program, mentee, ParticipantRole.Mentee);
        var hr = await HrAsync();
        var resource = await RequiredAsync(program, "Being mentored by a junior colleague", ResourceAudience.Mentees, hr);
        var client = await app.SignedInClientAsync(mentee.User);
        var url = $"/Participant/Programs/{program.Id}/Resources";
        Assert.Contains("Required before your first session", await client.GetHtmlAsync(url), StringComparison.Ordinal);

        var response = await client.PostFormAsync($"{url}?handler=Done", new()
        {
            ["Done.ResourceId"] = resource.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Done.CompletedOn"] = Today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        }, url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var html = WebUtility.HtmlDecode(await client.GetHtmlAsync(url));
        Assert.Contains($"Done on {ReverseMentoring.Web.Features.Sessions.SessionTimes.Day(Today.AddDays(-1))}.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_programs_ship_the_starter_guides_as_text_files_with_the_first_session_ones_required()
    {
        using var demo = new AppFactory().With("DemoData:Enabled", "true");
        var resources = await demo.ExecuteDbContextAsync(db => db.Resources.AsNoTracking().ToListAsync());
        var files = demo.Services.GetRequiredService<ResourceFiles>();

        foreach (var programResources in resources.GroupBy(r => r.ProgramId))
        {
            Assert.Equal(
                new[]
                {
                    ("Active listening", ResourceAudience.Both, true),
                    ("Being mentored by a junior colleague", ResourceAudience.Mentees, true),
                    ("Giving feedback across levels", ResourceAudience.Both, false),
                    ("How to mentor upward", ResourceAudience.Mentors, true),
                },
                programResources.OrderBy(r => r.Title, StringComparer.Ordinal).Select(r => (r.Title, r.Audience, r.RequiredBeforeFirstSession)));
            Assert.All(programResources, r =>
            {
                Assert.Null(r.Url);
                Assert.NotEmpty(r.Description);
                var path = files.PathOf(r.StoredFileName!);
                Assert.NotNull(path);
                Assert.Equal(r.SizeBytes, new FileInfo(path).Length);
            });
        }

        Assert.Equal(3, resources.Select(r => r.ProgramId).Distinct().Count());
    }
}
