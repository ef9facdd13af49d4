using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReverseMentoring.Web.Features.Emails;
using ReverseMentoring.Web.Features.Programs;
using ReverseMentoring.Web.Features.Resources;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Programs;

/// <summary>HR copies a program into a new draft: everything it set up comes along, none of its people.</summary>
public sealed class CopyProgramTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<(MentoringProgram Program, Person Hr)> SetUpAsync()
    {
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var pair = await app.PairAsync();
        var program = pair.Program;
        await app.SessionAsync(pair, SessionStatus.Scheduled, DateTime.UtcNow.AddDays(3));
        await app.InvitationAsync(program.Id);
        await app.QuestionAsync(program, "How useful was your last session?");
        await app.QuestionAsync(program, "Did you try a new tool?", CheckInQuestionKind.YesNo, sortOrder: 2);
        await app.QuestionAsync(program, "An old question", retired: true, sortOrder: 3);
        await app.ResourceAsync(program, "Mentoring upward guide");
        await app.ResourceAsync(program, "Listening checklist", ResourceAudience.Mentors, url: "https://intranet.example.com/listening");
        await app.SendAsync(new EditEmailTemplate.Command
        {
            ProgramId = program.Id, Kind = EmailKind.PairProposed, Subject = "Meet your {{ partner.role }}", Body = "Hello {{ person.name }}, {{ link }}",
        }, hr.As);
        return (program, hr);
    }

    private Task<int> CopyAsync(MentoringProgram program, Person hr, string? name = null) =>
        app.SendAsync(new CopyProgram.Command
        {
            SourceId = program.Id,
            Name = name ?? TestData.Unique("Copy"),
            StartsOn = TestData.Today.AddDays(60),
            EndsOn = TestData.Today.AddDays(240),
            EnrolmentOpensOn = TestData.Today.AddDays(10),
            EnrolmentClosesOn = TestData.Today.AddDays(50),
        }, hr.As);

    [Fact]
    public async Task The_copy_is_a_draft_with_the_settings_topics_questions_resources_and_emails_but_no_people()
    {
        var (program, hr) = await SetUpAsync();

        var id = await CopyAsync(program, hr);

        var original = await app.ExecuteDbContextAsync(db => db.Programs.AsNoTracking().Include(p => p.Topics).SingleAsync(p => p.Id == program.Id));
        var copy = await app.ExecuteDbContextAsync(db => db.Programs.AsNoTracking().Include(p => p.Topics).SingleAsync(p => p.Id == id));
        Assert.Equal(ProgramStatus.Draft, copy.Status);
        Assert.Equal(TestData.Today.AddDays(60), copy.StartsOn);
        Assert.Equal(
            (original.Objectives, original.SessionCadenceDays, original.SessionMinutes, original.ExpectedSessions, original.Formats, original.MentorCapacity),
            (copy.Objectives, copy.SessionCadenceDays, copy.SessionMinutes, copy.ExpectedSessions, copy.Formats, copy.MentorCapacity));
        Assert.Equal(
            (original.Matching.SkillWeight, original.Matching.AvailabilityWeight, original.Matching.MinimumScorePercent, original.Matching.Objective),
            (copy.Matching.SkillWeight, copy.Matching.AvailabilityWeight, copy.Matching.MinimumScorePercent, copy.Matching.Objective));
        Assert.Equal(original.Topics.OrderBy(t => t.SortOrder).Select(t => t.Title), copy.Topics.OrderBy(t => t.SortOrder).Select(t => t.Title));
        Assert.Empty(original.Topics.Select(t => t.Id).Intersect(copy.Topics.Select(t => t.Id)));

        var questions = await app.ExecuteDbContextAsync(db => db.CheckInQuestions.AsNoTracking().Where(q => q.ProgramId == id).OrderBy(q => q.SortOrder).Select(q => q.Text).ToListAsync());
        Assert.Equal(["How useful was your last session?", "Did you try a new tool?"], questions);

        var resources = await app.ExecuteDbContextAsync(db => db.Resources.AsNoTracking().Where(r => r.ProgramId == id).OrderBy(r => r.Title).ToListAsync());
        Assert.Equal(["Listening checklist", "Mentoring upward guide"], resources.Select(r => r.Title));
        var originalFile = await app.ExecuteDbContextAsync(db => db.Resources.AsNoTracking().SingleAsync(r => r.ProgramId == program.Id && r.StoredFileName != null));
        var copiedFile = resources.Single(r => r.StoredFileName is not null);
        Assert.NotEqual(originalFile.StoredFileName, copiedFile.StoredFileName);
        var files = app.Services.GetRequiredService<ResourceFiles>();
        Assert.Equal(await File.ReadAllTextAsync(files.PathOf(originalFile.StoredFileName!)!), await File.ReadAllTextAsync(files.PathOf(copiedFile.StoredFileName!)!));

        var template = await app.ExecuteDbContextAsync(db => db.EmailTemplates.AsNoTracking().SingleAsync(t => t.ProgramId == id));
        Assert.Equal((EmailKind.PairProposed, "Meet your {{ partner.role }}"), (template.Kind, template.Subject));

        var people = await app.ExecuteDbContextAsync(async db => (
            await db.Enrolments.CountAsync(e => e.ProgramId == id),
            await db.Invitations.CountAsync(i => i.ProgramId == id),
            await db.Pairs.CountAsync(p => p.ProgramId == id),
            await db.Sessions.CountAsync(s => s.ProgramId == id)));
        Assert.Equal((0, 0, 0, 0), people);
    }

    [Fact]
    public async Task Changing_or_deleting_the_copys_things_leaves_the_original_alone_and_the_other_way_round()
    {
        var (program, hr) = await SetUpAsync();
        var id = await CopyAsync(program, hr);
        var files = app.Services.GetRequiredService<ResourceFiles>();
        var copiedFile = await app.ExecuteDbContextAsync(db => db.Resources.AsNoTracking().SingleAsync(r => r.ProgramId == id && r.StoredFileName != null));
        var originalFile = await app.ExecuteDbContextAsync(db => db.Resources.AsNoTracking().SingleAsync(r => r.ProgramId == program.Id && r.StoredFileName != null));

        await app.SendAsync(new EditEmailTemplate.Command { ProgramId = id, Kind = EmailKind.PairProposed, Subject = "Changed", Body = "{{ link }}" }, hr.As);
        await app.SendAsync(new DeleteResource.Command(id, copiedFile.Id), hr.As);

        var originalTemplate = await app.ExecuteDbContextAsync(db => db.EmailTemplates.AsNoTracking().SingleAsync(t => t.ProgramId == program.Id));
        Assert.Equal("Meet your {{ partner.role }}", originalTemplate.Subject);
        Assert.NotNull(files.PathOf(originalFile.StoredFileName!));
        Assert.Equal(2, await app.ExecuteDbContextAsync(db => db.Resources.CountAsync(r => r.ProgramId == program.Id)));

        // The other way round: a second copy keeps its file when the original's resource goes.
        var second = await CopyAsync(program, hr);
        var secondFile = await app.ExecuteDbContextAsync(db => db.Resources.AsNoTracking().SingleAsync(r => r.ProgramId == second && r.StoredFileName != null));
        await app.SendAsync(new DeleteResource.Command(program.Id, originalFile.Id), hr.As);
        Assert.Null(files.PathOf(originalFile.StoredFileName!));
        Assert.NotNull(files.PathOf(secondFile.StoredFileName!));
    }

    [Fact]
    public async Task An_archived_program_can_be_copied_and_the_form_suggests_a_name_and_new_dates()
    {
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var program = await app.ProgramAsync(ProgramStatus.Closed, archived: true);

        var source = await app.SendAsync(new CopyProgram.Query(program.Id), hr.As);
        Assert.Equal($"{program.Name} (copy)", source.Suggested.Name);
        Assert.True(source.Suggested.StartsOn > TestData.Today);
        Assert.Equal(program.EndsOn.DayNumber - program.StartsOn.DayNumber, source.Suggested.EndsOn!.Value.DayNumber - source.Suggested.StartsOn!.Value.DayNumber);

        source.Suggested.SourceId = program.Id;
        var id = await app.SendAsync(source.Suggested, hr.As);
        var copy = await app.SavedProgramAsync(id);
        Assert.Equal((ProgramStatus.Draft, (DateTime?)null), (copy.Status, copy.ArchivedAtUtc));
    }

    [Fact]
    public async Task A_copy_with_a_name_in_use_or_wrong_dates_is_refused_and_nothing_is_made()
    {
        var (program, hr) = await SetUpAsync();
        var before = await app.ExecuteDbContextAsync(db => db.Programs.CountAsync());

        Assert.NotNull(await TestData.RefusalAsync(() => CopyAsync(program, hr, name: program.Name), "Name"));
        Assert.NotNull(await TestData.RefusalAsync(() => app.SendAsync(new CopyProgram.Command
        {
            SourceId = program.Id, Name = TestData.Unique("Copy"), StartsOn = TestData.Today.AddDays(60), EndsOn = TestData.Today.AddDays(10),
        }, hr.As), "EndsOn"));

        Assert.Equal(before, await app.ExecuteDbContextAsync(db => db.Programs.CountAsync()));
    }

    [Fact]
    public async Task HR_copies_through_the_page_and_participants_may_not()
    {
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var program = await app.ProgramAsync(ProgramStatus.Running);
        var client = await app.SignedInClientAsync(hr.User);

        var page = await client.GetStringAsync($"/Programs/{program.Id}/Copy");
        Assert.Contains($"{program.Name} (copy)", page, StringComparison.Ordinal);
        var name = TestData.Unique("Autumn");
        var response = await client.PostFormAsync($"/Programs/{program.Id}/Copy", new()
        {
            ["Data.Name"] = name,
            ["Data.StartsOn"] = TestData.Today.AddDays(40).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Data.EndsOn"] = TestData.Today.AddDays(220).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(await app.ExecuteDbContextAsync(db => db.Programs.AnyAsync(p => p.Name == name && p.Status == ProgramStatus.Draft)));

        var mentor = await app.PersonAsync(Roles.Mentor);
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => CopyAsync(program, mentor));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Programs/{int.MaxValue}/Copy")).StatusCode);
    }
}
