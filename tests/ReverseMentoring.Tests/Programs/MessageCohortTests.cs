using System.Net;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Tests.Enrolments;
using ReverseMentoring.Web.Features.Programs;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Programs;

/// <summary>HR writes one message to a program's mentors, mentees or everyone: one e-mail each, after a confirmation naming them.</summary>
public sealed class MessageCohortTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static MessageCohort.Command Message(MentoringProgram program, MessageCohort.Audience audience, bool confirmed = true, bool onlyPaired = false) => new()
    {
        ProgramId = program.Id, Audience = audience, OnlyPaired = onlyPaired, Subject = "Kick-off on Monday", Text = "We meet at 9 in the atrium.", Confirmed = confirmed,
    };

    private async Task<(MentoringProgram Program, Person Hr, TestPair Pair, Person LoneMentor, Person PendingMentee)> CohortAsync()
    {
        var program = await app.ProgramAsync();
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var pair = await app.PairAsync(program, mentorName: TestData.Unique("Maya"), menteeName: TestData.Unique("Simon"));
        var lone = await app.PersonAsync(Roles.Mentor, name: TestData.Unique("Lone Mentor"));
        await app.EnrolAsync(program, lone, ParticipantRole.Mentor);
        var pending = await app.PersonAsync(Roles.Mentee, name: TestData.Unique("Pending Mentee"));
        await app.EnrolAsync(program, pending, ParticipantRole.Mentee, EnrolmentStatus.Pending);
        return (program, hr, pair, lone, pending);
    }

    [Fact]
    public async Task Everyone_approved_gets_one_email_each_with_their_name_and_the_text()
    {
        var (program, hr, pair, lone, pending) = await CohortAsync();

        var result = await app.SendAsync(Message(program, MessageCohort.Audience.Everyone), hr.As);

        Assert.Equal(3, result.Count);
        foreach (var person in new[] { pair.Mentor, pair.Mentee, lone })
        {
            var mail = Assert.Single(app.MailTo(person.Email));
            Assert.Equal("Kick-off on Monday", mail.Subject);
            Assert.Contains($"Hello {person.User.DisplayName},", mail.TextBody, StringComparison.Ordinal);
            Assert.Contains("We meet at 9 in the atrium.", mail.TextBody, StringComparison.Ordinal);
        }

        Assert.Empty(app.MailTo(pending.Email));
    }

    [Fact]
    public async Task Mentors_only_in_a_confirmed_pair_leaves_out_the_mentees_and_the_unpaired()
    {
        var (program, hr, pair, lone, _) = await CohortAsync();

        await app.SendAsync(Message(program, MessageCohort.Audience.Mentors, onlyPaired: true), hr.As);

        Assert.Single(app.MailTo(pair.Mentor.Email));
        Assert.Empty(app.MailTo(pair.Mentee.Email));
        Assert.Empty(app.MailTo(lone.Email));
    }

    [Fact]
    public async Task Without_confirmation_it_names_the_people_and_sends_nothing()
    {
        var (program, hr, pair, lone, _) = await CohortAsync();

        var preview = await app.SendAsync(Message(program, MessageCohort.Audience.Mentors, confirmed: false), hr.As);

        Assert.False(preview.Sent);
        Assert.Equal(2, preview.Count);
        Assert.Contains(lone.User.DisplayName, preview.Names, StringComparison.Ordinal);
        Assert.Contains(pair.Mentor.User.DisplayName, preview.Names, StringComparison.Ordinal);
        Assert.Empty(app.MailTo(lone.Email));
    }

    [Fact]
    public async Task An_audience_with_nobody_in_it_is_refused_and_nothing_is_sent()
    {
        var program = await app.ProgramAsync();
        var hr = await app.PersonAsync(Roles.HrCoordinator);

        var message = await TestData.RefusalAsync(() => app.SendAsync(Message(program, MessageCohort.Audience.Everyone), hr.As), nameof(MessageCohort.Command.Audience));

        Assert.StartsWith("Nobody approved in this program", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_without_a_subject_or_text_is_refused()
    {
        var (program, hr, pair, _, _) = await CohortAsync();
        var command = Message(program, MessageCohort.Audience.Everyone);
        command.Subject = " ";
        command.Text = "";

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(command, hr.As));

        Assert.Contains(refused.Failures, f => f.PropertyName == nameof(MessageCohort.Command.Subject));
        Assert.Contains(refused.Failures, f => f.PropertyName == nameof(MessageCohort.Command.Text));
        Assert.Empty(app.MailTo(pair.Mentor.Email));
    }

    [Fact]
    public async Task The_message_is_in_the_audit_log()
    {
        var (program, hr, _, _, _) = await CohortAsync();

        await app.SendAsync(Message(program, MessageCohort.Audience.Mentees), hr.As);

        var id = program.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var entry = Assert.Single(await app.ExecuteDbContextAsync(db => db.AuditEntries.Where(a => a.Action == "Messaged" && a.EntityId == id).ToListAsync()));
        Assert.Equal(hr.Id, entry.UserId);
        Assert.Contains("Kick-off on Monday", entry.Changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_confirms_with_the_names_before_it_sends()
    {
        var (program, _, pair, lone, _) = await CohortAsync();
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);
        var url = $"/Programs/{program.Id}/Message";
        KeyValuePair<string, string>[] fields =
        [
            new("Data.Audience", "Mentors"), new("Data.OnlyPaired", "false"), new("Data.Subject", "Kick-off"), new("Data.Text", "See you on Monday."),
        ];

        var preview = await BulkDecisionTests.PostAsync(client, url, url, fields);

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var html = WebUtility.HtmlDecode(await preview.Content.ReadAsStringAsync());
        Assert.Contains("Send to 2 people: ", html, StringComparison.Ordinal);
        Assert.Contains(lone.User.DisplayName, html, StringComparison.Ordinal);
        Assert.Empty(app.MailTo(lone.Email));

        var sent = await BulkDecisionTests.PostAsync(client, url, url, [.. fields, new("Data.Confirmed", "true")]);

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Single(app.MailTo(lone.Email));
        Assert.Single(app.MailTo(pair.Mentor.Email));
    }

    [Theory]
    [InlineData(Roles.Mentor)]
    [InlineData(Roles.Mentee)]
    [InlineData(Roles.Leadership)]
    public async Task Only_HR_may_message_a_cohort(string role)
    {
        var (program, _, pair, _, _) = await CohortAsync();
        var person = await app.PersonAsync(role);

        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(Message(program, MessageCohort.Audience.Everyone), person.As));
        var response = await (await app.SignedInClientAsync(person.User)).GetAsync(new Uri($"/Programs/{program.Id}/Message", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(app.MailTo(pair.Mentor.Email));
    }
}
