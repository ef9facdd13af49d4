using System.Net;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Programs;
using ReverseMentoring.Web.Infrastructure;
using static ReverseMentoring.Tests.TestData;

namespace ReverseMentoring.Tests.Programs;

public sealed class CreateProgramTests(AppFactory app) : IClassFixture<AppFactory>
{
    private Task<int> CountNamedAsync(string name) => app.ExecuteDbContextAsync(db => db.Programs.CountAsync(p => p.Name == name));

    [Fact]
    public async Task A_coordinator_creates_a_draft_program_with_every_setting_and_its_topics()
    {
        var coordinator = await app.CreateUserAsync(Roles.HrCoordinator);
        var skillId = await app.ExecuteDbContextAsync(db => db.Skills.Where(s => !s.IsRetired).Select(s => s.Id).FirstAsync());
        var command = ProgramForm();
        command.Name = "  " + command.Name + "  ";
        command.Formats = [SessionFormats.Group, SessionFormats.Virtual];
        command.MentorCapacity = 3;
        command.SessionCadenceDays = 28;
        command.Topics =
        [
            new TopicRow { Title = "Short video", SuggestedActivities = "Make a Reel together.", SkillId = skillId },
            new TopicRow(),
            new TopicRow { Title = "Payments" },
        ];
        command.SkillWeight = 7;
        command.AvailabilityWeight = 0;
        command.MaxTimeZoneGapHours = 4;
        command.MinimumScorePercent = 40;
        command.Objective = MatchingObjective.MostPeopleMatched;
        command.PreferCrossDepartment = true;

        var id = await app.SendAsync(command, AppFactory.PrincipalFor(coordinator, Roles.HrCoordinator));

        var saved = await app.SavedProgramAsync(id);
        Assert.Equal(command.Name.Trim(), saved.Name);
        Assert.Equal(ProgramStatus.Draft, saved.Status);
        Assert.Equal(coordinator.Id, saved.CreatedByUserId);
        Assert.Equal((command.StartsOn, command.EndsOn), (saved.StartsOn, saved.EndsOn));
        Assert.Equal((command.EnrolmentOpensOn, command.EnrolmentClosesOn), (saved.EnrolmentOpensOn, saved.EnrolmentClosesOn));
        Assert.Equal((28, 45, 8, 3), (saved.SessionCadenceDays, saved.SessionMinutes, saved.ExpectedSessions, saved.MentorCapacity));
        Assert.Equal(SessionFormats.Group | SessionFormats.Virtual, saved.Formats);
        Assert.Equal((7, 0, 4, 40), (saved.Matching.SkillWeight, saved.Matching.AvailabilityWeight, saved.Matching.MaxTimeZoneGapHours, saved.Matching.MinimumScorePercent));
        Assert.Equal(MatchingObjective.MostPeopleMatched, saved.Matching.Objective);
        Assert.True(saved.Matching.PreferCrossDepartment);
        Assert.Null(saved.ArchivedAtUtc);
        Assert.Equal(
            [("Short video", "Make a Reel together.", (int?)skillId, 0), ("Payments", "", null, 1)],
            saved.Topics.OrderBy(t => t.SortOrder).Select(t => (t.Title, t.SuggestedActivities, t.SkillId, t.SortOrder)));
    }

    [Fact]
    public async Task The_form_creates_the_program_and_opens_its_page()
    {
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);
        var name = Unique("Program");

        var response = await client.PostFormAsync("/Programs/Create", new()
        {
            ["Data.Name"] = name,
            ["Data.Objectives"] = "Generational insight",
            ["Data.StartsOn"] = Today.AddDays(10).ToString("yyyy-MM-dd"),
            ["Data.EndsOn"] = Today.AddDays(100).ToString("yyyy-MM-dd"),
            ["Data.EnrolmentOpensOn"] = "",
            ["Data.EnrolmentClosesOn"] = "",
            ["Data.SessionCadenceDays"] = "21",
            ["Data.SessionMinutes"] = "60",
            ["Data.ExpectedSessions"] = "5",
            ["Data.Formats"] = "InPerson",
            ["Data.MentorCapacity"] = "1",
            ["Data.Topics[0].Title"] = "Social media",
            ["Data.Topics[0].SuggestedActivities"] = "",
            ["Data.Topics[0].SkillId"] = "",
            ["Data.Topics[1].Title"] = "",
            ["Data.Topics[1].SuggestedActivities"] = "",
            ["Data.Topics[1].SkillId"] = "",
            ["Data.SkillWeight"] = "5",
            ["Data.AvailabilityWeight"] = "3",
            ["Data.TimeZoneWeight"] = "2",
            ["Data.FormatWeight"] = "2",
            ["Data.InterestWeight"] = "1",
            ["Data.MaxTimeZoneGapHours"] = "",
            ["Data.MinimumScorePercent"] = "0",
            ["Data.Objective"] = "BestTotalScore",
            ["Data.PreferCrossDepartment"] = "false",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await app.ExecuteDbContextAsync(db => db.Programs.Include(p => p.Topics).SingleAsync(p => p.Name == name));
        Assert.Equal($"/Programs/{saved.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(SessionFormats.InPerson, saved.Formats);
        Assert.Null(saved.EnrolmentOpensOn);
        Assert.Null(saved.Matching.MaxTimeZoneGapHours);
        Assert.Equal(["Social media"], saved.Topics.Select(t => t.Title));

        var details = await client.GetHtmlAsync($"/Programs/{saved.Id}");
        Assert.Contains(name, details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_form_shows_each_problem_next_to_its_field_and_saves_nothing()
    {
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);
        var name = new string('n', 121);

        var response = await client.PostFormAsync("/Programs/Create", new()
        {
            ["Data.Name"] = name,
            ["Data.StartsOn"] = Today.AddDays(10).ToString("yyyy-MM-dd"),
            ["Data.EndsOn"] = Today.AddDays(5).ToString("yyyy-MM-dd"),
            ["Data.SessionCadenceDays"] = "14",
            ["Data.SessionMinutes"] = "5",
            ["Data.ExpectedSessions"] = "6",
            ["Data.MentorCapacity"] = "0",
            ["Data.Topics[0].Title"] = "",
            ["Data.Topics[0].SuggestedActivities"] = "Some activity without a title",
            ["Data.SkillWeight"] = "0",
            ["Data.AvailabilityWeight"] = "0",
            ["Data.TimeZoneWeight"] = "0",
            ["Data.FormatWeight"] = "0",
            ["Data.InterestWeight"] = "0",
            ["Data.MinimumScorePercent"] = "0",
            ["Data.Objective"] = "BestTotalScore",
        });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("A program name has at most 120 characters.", HttpClientForms.FieldError(html, "Data.Name"));
        Assert.Equal("End date must be after the start date.", HttpClientForms.FieldError(html, "Data.EndsOn"));
        Assert.Equal("A session lasts between 15 and 240 minutes.", HttpClientForms.FieldError(html, "Data.SessionMinutes"));
        Assert.Equal("Choose at least one session format.", HttpClientForms.FieldError(html, "Data.Formats"));
        Assert.Equal("A mentor takes between 1 and 20 mentees (1 is one-to-one).", HttpClientForms.FieldError(html, "Data.MentorCapacity"));
        Assert.Equal("Give this topic a title, or clear the row.", HttpClientForms.FieldError(html, "Data.Topics[0].Title"));
        Assert.StartsWith("Give at least one matching weight a value above 0", HttpClientForms.FieldError(html, "Data.SkillWeight"), StringComparison.Ordinal);
        Assert.Contains("Some activity without a title", html, StringComparison.Ordinal);
        Assert.Equal(0, await CountNamedAsync(name));
    }

    [Fact]
    public async Task A_name_is_required()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var command = ProgramForm("   ");

        Assert.Equal("Enter a name for the program.", await RefusalAsync(() => app.SendAsync(command, coordinator), "Name"));
    }

    [Fact]
    public async Task A_name_used_by_another_open_program_is_refused_whatever_its_case()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var name = Unique("Digital Leaders");
        await app.SendAsync(ProgramForm(name), coordinator);

        var message = await RefusalAsync(() => app.SendAsync(ProgramForm(name.ToUpperInvariant()), coordinator), "Name");

        Assert.Equal("Another program has this name already. Choose a different name.", message);
        var upper = name.ToUpperInvariant();
        Assert.Equal(1, await app.ExecuteDbContextAsync(db => db.Programs.CountAsync(p => p.Name == name || p.Name == upper)));
    }

    [Fact]
    public async Task The_name_of_an_archived_program_may_be_used_again()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var name = Unique("Cohort");
        var old = await app.SendAsync(ProgramForm(name), coordinator);
        await app.SendAsync(new ArchiveProgram.Command { Id = old, Version = await app.ProgramVersionAsync(old) }, coordinator);

        var again = await app.SendAsync(ProgramForm(name), coordinator);

        Assert.NotEqual(old, again);
    }

    [Fact]
    public async Task Objectives_and_topic_texts_have_maximum_lengths()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var command = ProgramForm();
        command.Objectives = new string('o', 4001);
        command.Topics = [new TopicRow { Title = new string('t', 121), SuggestedActivities = new string('a', 2001) }];

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(command, coordinator));

        var messages = refused.Failures.ToDictionary(f => f.PropertyName, f => f.ErrorMessage);
        Assert.Equal("Objectives have at most 4000 characters.", messages["Objectives"]);
        Assert.Equal("A topic title has at most 120 characters.", messages["Topics[0].Title"]);
        Assert.Equal("Suggested activities have at most 2000 characters.", messages["Topics[0].SuggestedActivities"]);
    }

    [Fact]
    public async Task Start_and_end_dates_are_required()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var command = ProgramForm();
        command.StartsOn = null;
        command.EndsOn = null;

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(command, coordinator));

        Assert.Contains(refused.Failures, f => f is { PropertyName: "StartsOn", ErrorMessage: "Enter the date the program starts." });
        Assert.Contains(refused.Failures, f => f is { PropertyName: "EndsOn", ErrorMessage: "Enter the date the program ends." });
    }

    [Fact]
    public async Task The_end_date_must_be_after_the_start_date()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var command = ProgramForm();
        command.EndsOn = command.StartsOn;

        Assert.Equal("End date must be after the start date.", await RefusalAsync(() => app.SendAsync(command, coordinator), "EndsOn"));
    }

    [Fact]
    public async Task The_enrolment_window_has_both_dates_or_neither()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var onlyOpens = ProgramForm();
        onlyOpens.EnrolmentClosesOn = null;
        var onlyCloses = ProgramForm();
        onlyCloses.EnrolmentOpensOn = null;

        Assert.Equal("Enter the date enrolment closes too, or clear both enrolment dates.",
            await RefusalAsync(() => app.SendAsync(onlyOpens, coordinator), "EnrolmentClosesOn"));
        Assert.Equal("Enter the date enrolment opens too, or clear both enrolment dates.",
            await RefusalAsync(() => app.SendAsync(onlyCloses, coordinator), "EnrolmentOpensOn"));
    }

    [Fact]
    public async Task Enrolment_must_close_after_it_opens()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var command = ProgramForm();
        command.EnrolmentClosesOn = command.EnrolmentOpensOn;

        Assert.Equal("Enrolment must close after it opens.", await RefusalAsync(() => app.SendAsync(command, coordinator), "EnrolmentClosesOn"));
    }

    [Fact]
    public async Task The_enrolment_window_must_close_by_the_programs_end_date()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var command = ProgramForm();
        command.EnrolmentClosesOn = command.EndsOn!.Value.AddDays(1);

        Assert.Equal("The enrolment window must close by the program's end date.",
            await RefusalAsync(() => app.SendAsync(command, coordinator), "EnrolmentClosesOn"));
    }

    [Fact]
    public async Task Enrolment_must_open_before_the_program_ends()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var command = ProgramForm();
        command.EnrolmentOpensOn = command.EndsOn;
        command.EnrolmentClosesOn = command.EndsOn!.Value.AddDays(3);

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(command, coordinator));

        Assert.Contains(refused.Failures, f => f is { PropertyName: "EnrolmentOpensOn", ErrorMessage: "Enrolment must open before the program ends." });
    }

    [Theory]
    [InlineData(nameof(CreateProgram.Command.SessionMinutes), 14, "A session lasts between 15 and 240 minutes.")]
    [InlineData(nameof(CreateProgram.Command.SessionMinutes), 241, "A session lasts between 15 and 240 minutes.")]
    [InlineData(nameof(CreateProgram.Command.ExpectedSessions), 0, "Expect between 1 and 100 sessions.")]
    [InlineData(nameof(CreateProgram.Command.ExpectedSessions), 101, "Expect between 1 and 100 sessions.")]
    [InlineData(nameof(CreateProgram.Command.MentorCapacity), 0, "A mentor takes between 1 and 20 mentees (1 is one-to-one).")]
    [InlineData(nameof(CreateProgram.Command.MentorCapacity), 21, "A mentor takes between 1 and 20 mentees (1 is one-to-one).")]
    [InlineData(nameof(CreateProgram.Command.SessionCadenceDays), 0, "Pairs meet every 1 to 90 days; choose how often from the list.")]
    [InlineData(nameof(CreateProgram.Command.SkillWeight), 11, "A weight is between 0 and 10.")]
    [InlineData(nameof(CreateProgram.Command.InterestWeight), -1, "A weight is between 0 and 10.")]
    [InlineData(nameof(CreateProgram.Command.MaxTimeZoneGapHours), 15, "The largest time-zone gap is between 0 and 14 hours; leave it empty for no limit.")]
    [InlineData(nameof(CreateProgram.Command.MinimumScorePercent), 101, "The minimum score is between 0 and 100 per cent.")]
    public async Task Numbers_outside_their_range_are_refused(string field, int value, string message)
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var command = ProgramForm();
        typeof(CreateProgram.Command).GetProperty(field)!.SetValue(command, value);

        Assert.Equal(message, await RefusalAsync(() => app.SendAsync(command, coordinator), field));
        Assert.Equal(0, await CountNamedAsync(command.Name!));
    }

    [Fact]
    public async Task At_least_one_format_is_allowed()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var command = ProgramForm();
        command.Formats = [];

        Assert.Equal("Choose at least one session format.", await RefusalAsync(() => app.SendAsync(command, coordinator), "Formats"));
    }

    [Fact]
    public async Task Matching_weights_may_not_all_be_zero()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var command = ProgramForm();
        (command.SkillWeight, command.AvailabilityWeight, command.TimeZoneWeight, command.FormatWeight, command.InterestWeight) = (0, 0, 0, 0, 0);

        var message = await RefusalAsync(() => app.SendAsync(command, coordinator), "SkillWeight");

        Assert.Equal("Give at least one matching weight a value above 0, or no pair could score anything.", message);
    }

    [Fact]
    public async Task A_topic_with_activities_needs_a_title()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var command = ProgramForm();
        command.Topics = [new TopicRow { Title = "Fine" }, new TopicRow { SuggestedActivities = "Shadow a product launch." }];

        Assert.Equal("Give this topic a title, or clear the row.", await RefusalAsync(() => app.SendAsync(command, coordinator), "Topics[1].Title"));
    }

    [Fact]
    public async Task A_topic_skill_must_be_in_the_catalogue_and_not_retired()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var retired = new Skill { Name = Unique("Retired skill"), IsRetired = true };
        await app.ExecuteDbContextAsync(async db =>
        {
            db.Skills.Add(retired);
            await db.SaveChangesAsync();
        });
        var command = ProgramForm();
        command.Topics = [new TopicRow { Title = "Ghost", SkillId = 999_999 }, new TopicRow { Title = "Old", SkillId = retired.Id }];

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(command, coordinator));

        Assert.Contains(refused.Failures, f => f is { PropertyName: "Topics[0].SkillId", ErrorMessage: "Unknown skill. Choose one from the catalogue, or none." });
        Assert.Contains(refused.Failures, f => f is { PropertyName: "Topics[1].SkillId", ErrorMessage: "Unknown skill. Choose one from the catalogue, or none." });
        Assert.Equal(0, await CountNamedAsync(command.Name!));
    }

    [Theory]
    [InlineData(Roles.Mentor)]
    [InlineData(Roles.Mentee)]
    [InlineData(Roles.Leadership)]
    public async Task Only_coordinators_may_create_programs(string role)
    {
        var user = await app.CreateUserAsync(role);
        var command = ProgramForm();

        var refused = await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(command, AppFactory.PrincipalFor(user, role)));

        Assert.True(refused.SignedIn);
        Assert.Equal(0, await CountNamedAsync(command.Name!));
    }
}
