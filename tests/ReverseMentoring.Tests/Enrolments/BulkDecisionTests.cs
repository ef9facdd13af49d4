using System.Net;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Shared;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Enrolments;

/// <summary>HR approves or rejects many enrolments at once, after a confirmation that names them, all or nothing or what can be done.</summary>
public sealed class BulkDecisionTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<(MentoringProgram Program, Person Hr, List<(Person Person, Enrolment Enrolment)> People)> PendingAsync(int count, ProgramStatus status = ProgramStatus.Enrolling)
    {
        var program = await app.ProgramAsync(status);
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var people = new List<(Person, Enrolment)>();
        for (var i = 0; i < count; i++)
        {
            var person = await app.PersonAsync(Roles.Mentee, name: TestData.Unique("Ana Ruiz"));
            people.Add((person, await app.EnrolAsync(program, person, ParticipantRole.Mentee, EnrolmentStatus.Pending)));
        }

        return (program, hr, people);
    }

    private static BulkDecideEnrolments.Command Approve(MentoringProgram program, IEnumerable<int> ids, BulkMode mode = BulkMode.AllOrNothing) =>
        new() { ProgramId = program.Id, Decision = BulkDecideEnrolments.Decision.Approve, Ids = ids.ToList(), Mode = mode };

    private Task<List<Enrolment>> SavedAsync(IEnumerable<int> ids)
    {
        var list = ids.ToList();
        return app.ExecuteDbContextAsync(db => db.Enrolments.AsNoTracking().Include(e => e.History).Where(e => list.Contains(e.Id)).ToListAsync());
    }

    [Fact]
    public async Task Approving_several_approves_each_gives_the_role_and_emails_each_their_decision()
    {
        var (program, hr, people) = await PendingAsync(3);

        var report = await app.SendAsync(Approve(program, people.Select(p => p.Enrolment.Id)), hr.As);

        Assert.All(await SavedAsync(people.Select(p => p.Enrolment.Id)), e =>
        {
            Assert.Equal(EnrolmentStatus.Approved, e.Status);
            Assert.Equal(hr.Id, e.DecidedByUserId);
            Assert.Contains(e.History, h => h.Event == "Approved");
        });
        foreach (var (person, _) in people)
        {
            var mail = Assert.Single(app.MailTo(person.Email));
            Assert.Equal($"You are in: {program.Name}", mail.Subject);
            Assert.Contains(Roles.Mentee, await app.RolesOfAsync(person.Id));
            Assert.Contains(person.User.DisplayName, report.Summary, StringComparison.Ordinal);
        }

        Assert.Empty(report.NotDone);
    }

    [Fact]
    public async Task Rejecting_several_gives_each_the_one_reason_by_email()
    {
        var (program, hr, people) = await PendingAsync(2);

        await app.SendAsync(new BulkDecideEnrolments.Command
        {
            ProgramId = program.Id, Decision = BulkDecideEnrolments.Decision.Reject, Ids = people.Select(p => p.Enrolment.Id).ToList(), Reason = "The pilot is full.",
        }, hr.As);

        Assert.All(await SavedAsync(people.Select(p => p.Enrolment.Id)), e => Assert.Equal(("The pilot is full.", EnrolmentStatus.Rejected), (e.DecisionReason, e.Status)));
        foreach (var (person, _) in people)
        {
            Assert.Contains("The pilot is full.", Assert.Single(app.MailTo(person.Email)).TextBody, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Rejecting_several_without_a_reason_is_refused_as_a_single_rejection_is()
    {
        var (program, hr, people) = await PendingAsync(1);

        var message = await TestData.RefusalAsync(() => app.SendAsync(new BulkDecideEnrolments.Command
        {
            ProgramId = program.Id, Decision = BulkDecideEnrolments.Decision.Reject, Ids = [people[0].Enrolment.Id], Reason = "  ",
        }, hr.As), nameof(BulkDecideEnrolments.Command.Reason));

        Assert.Equal("Give a reason for turning this enrolment down; the participant will see it.", message);
        Assert.Equal(EnrolmentStatus.Pending, (await SavedAsync([people[0].Enrolment.Id])).Single().Status);
    }

    [Fact]
    public async Task All_or_nothing_changes_nothing_and_names_the_enrolment_that_refuses()
    {
        var (program, hr, people) = await PendingAsync(2);
        var withdrawn = await app.PersonAsync(Roles.Mentee, name: TestData.Unique("Walter Withdrawn"));
        var gone = await app.EnrolAsync(program, withdrawn, ParticipantRole.Mentee, EnrolmentStatus.Withdrawn);
        var ids = people.Select(p => p.Enrolment.Id).Append(gone.Id).ToList();

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(Approve(program, ids), hr.As));

        Assert.Contains(refused.Failures, f => f.ErrorMessage.StartsWith(withdrawn.User.DisplayName, StringComparison.Ordinal) && f.ErrorMessage.Contains("withdrawn", StringComparison.Ordinal));
        Assert.All(await SavedAsync(ids), e => Assert.NotEqual(EnrolmentStatus.Approved, e.Status));
        Assert.All(people, p => Assert.Empty(app.MailTo(p.Person.Email)));
    }

    [Fact]
    public async Task Doing_what_can_be_done_approves_the_others_and_reports_each_row()
    {
        var (program, hr, people) = await PendingAsync(2);
        var rejected = await app.PersonAsync(Roles.Mentee, name: TestData.Unique("Rita Rejected"));
        var approvedAlready = await app.EnrolAsync(program, rejected, ParticipantRole.Mentee, EnrolmentStatus.Approved);

        var report = await app.SendAsync(Approve(program, people.Select(p => p.Enrolment.Id).Append(approvedAlready.Id), BulkMode.WhatCan), hr.As);

        Assert.All(await SavedAsync(people.Select(p => p.Enrolment.Id)), e => Assert.Equal(EnrolmentStatus.Approved, e.Status));
        var notDone = Assert.Single(report.NotDone);
        Assert.StartsWith($"{rejected.User.DisplayName}: not approved", notDone, StringComparison.Ordinal);
        Assert.Equal(2, report.Done.Count);
        Assert.Empty(app.MailTo(rejected.Email));
    }

    [Fact]
    public async Task Another_programs_enrolment_or_an_unknown_id_is_refused_by_its_id_and_nothing_is_done()
    {
        var (program, hr, people) = await PendingAsync(1);
        var (_, _, others) = await PendingAsync(1);
        var theirs = others[0].Enrolment.Id;

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => app.SendAsync(Approve(program, [people[0].Enrolment.Id, theirs, 99999999]), hr.As));

        Assert.Contains(refused.Failures, f => f.ErrorMessage.StartsWith($"Enrolment {theirs}: there is no such enrolment", StringComparison.Ordinal));
        Assert.Contains(refused.Failures, f => f.ErrorMessage.StartsWith("Enrolment 99999999:", StringComparison.Ordinal));
        Assert.Equal(EnrolmentStatus.Pending, (await SavedAsync([theirs])).Single().Status);
        Assert.Equal(EnrolmentStatus.Pending, (await SavedAsync([people[0].Enrolment.Id])).Single().Status);
    }

    [Fact]
    public async Task An_empty_selection_is_refused_with_a_message_and_nothing_is_done()
    {
        var (program, hr, _) = await PendingAsync(1);

        var message = await TestData.RefusalAsync(() => app.SendAsync(Approve(program, []), hr.As), nameof(BulkDecideEnrolments.Command.Ids));

        Assert.StartsWith("No enrolment was chosen.", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_selection_larger_than_the_cap_is_refused_with_a_message()
    {
        var (program, hr, _) = await PendingAsync(1);

        var message = await TestData.RefusalAsync(() => app.SendAsync(Approve(program, Enumerable.Range(1, Bulk.MaxSelection + 1)), hr.As), nameof(BulkDecideEnrolments.Command.Ids));

        Assert.Contains("at most 1,000 at a time", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task All_matching_the_filter_approves_only_the_filtered_enrolments()
    {
        var (program, hr, people) = await PendingAsync(2);
        var mentor = await app.PersonAsync(Roles.Mentor);
        var mentorEnrolment = await app.EnrolAsync(program, mentor, ParticipantRole.Mentor, EnrolmentStatus.Pending);

        await app.SendAsync(new BulkDecideEnrolments.Command
        {
            ProgramId = program.Id, Decision = BulkDecideEnrolments.Decision.Approve, AllMatching = true, Status = EnrolmentStatus.Pending, Role = ParticipantRole.Mentee,
        }, hr.As);

        Assert.All(await SavedAsync(people.Select(p => p.Enrolment.Id)), e => Assert.Equal(EnrolmentStatus.Approved, e.Status));
        Assert.Equal(EnrolmentStatus.Pending, (await SavedAsync([mentorEnrolment.Id])).Single().Status);
    }

    [Fact]
    public async Task Each_bulk_decision_is_in_the_audit_log()
    {
        var (program, hr, people) = await PendingAsync(2);

        await app.SendAsync(Approve(program, people.Select(p => p.Enrolment.Id)), hr.As);

        var ids = people.Select(p => p.Enrolment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var audited = await app.ExecuteDbContextAsync(db => db.AuditEntries.Where(a => a.Entity == nameof(Enrolment) && a.Action == "Modified" && ids.Contains(a.EntityId)).ToListAsync());
        Assert.Equal(ids.Order(), audited.Select(a => a.EntityId).Distinct().Order());
        Assert.All(audited, a => Assert.Equal(hr.Id, a.UserId));
    }

    [Fact]
    public async Task The_confirmation_names_the_people_and_nothing_happens_until_it_is_posted()
    {
        var (program, _, people) = await PendingAsync(2);
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);
        var url = $"/Programs/{program.Id}/Enrolments/Decide?Data.Decision=Approve&{string.Join("&", people.Select(p => $"Data.Ids={p.Enrolment.Id}"))}";

        var html = WebUtility.HtmlDecode(await client.GetHtmlAsync(url));

        Assert.Contains("Approve 2 enrolments: ", html, StringComparison.Ordinal);
        Assert.All(people, p => Assert.Contains(p.Person.User.DisplayName, html, StringComparison.Ordinal));
        Assert.All(await SavedAsync(people.Select(p => p.Enrolment.Id)), e => Assert.Equal(EnrolmentStatus.Pending, e.Status));

        var fields = new Dictionary<string, string> { ["Data.Decision"] = "Approve", ["Data.Mode"] = "AllOrNothing" };
        var body = fields.Concat(people.Select(p => new KeyValuePair<string, string>("Data.Ids", p.Enrolment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToList();
        var response = await PostAsync(client, $"/Programs/{program.Id}/Enrolments/Decide", url, body);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.All(await SavedAsync(people.Select(p => p.Enrolment.Id)), e => Assert.Equal(EnrolmentStatus.Approved, e.Status));
        var list = WebUtility.HtmlDecode(await client.GetHtmlAsync(response.Headers.Location!.ToString()));
        Assert.Contains("Approved 2 enrolments", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_selection_goes_back_to_the_list_with_the_message_by_the_buttons()
    {
        var (program, _, _) = await PendingAsync(1);
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);

        var response = await client.GetAsync(new Uri($"/Programs/{program.Id}/Enrolments/Decide?Data.Decision=Approve", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var list = WebUtility.HtmlDecode(await client.GetHtmlAsync(response.Headers.Location!.ToString()));
        Assert.Contains("id=\"bulk-problem\">No enrolment was chosen.", list, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Mentor)]
    [InlineData(Roles.Mentee)]
    [InlineData(Roles.Leadership)]
    public async Task Only_HR_may_decide_several(string role)
    {
        var (program, _, people) = await PendingAsync(1);
        var person = await app.PersonAsync(role);

        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(Approve(program, [people[0].Enrolment.Id]), person.As));
        var client = await app.SignedInClientAsync(person.User);
        var response = await client.GetAsync(new Uri($"/Programs/{program.Id}/Enrolments/Decide?Data.Decision=Approve&Data.Ids={people[0].Enrolment.Id}", UriKind.Relative));
        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{(int)response.StatusCode}");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(EnrolmentStatus.Pending, (await SavedAsync([people[0].Enrolment.Id])).Single().Status);
    }

    internal static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string formPage, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var html = await client.GetHtmlAsync(formPage);
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        Assert.True(token.Success, $"No anti-forgery token on {formPage}.");
        using var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value))));
        return await client.PostAsync(new Uri(url, UriKind.Relative), content);
    }
}
