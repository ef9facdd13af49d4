using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using ReverseMentoring.Tests.Resources;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Features.Resources;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Security;

/// <summary>
/// Withdrawing and enrolling again does not undo HR's rejection: the decision and its reason stay on the enrolment and
/// in its history, and the program's resources stay closed to the person until HR approves.
/// </summary>
public sealed class ReEnrolmentAfterRejectionTests(ResourcesApp app) : IClassFixture<ResourcesApp>
{
    private const string Reason = "This pilot takes people from the sales teams only.";
    private static readonly byte[] PdfBytes = Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n");

    private async Task<int> AddFileAsync(int programId, System.Security.Claims.ClaimsPrincipal hr) =>
        await app.SendAsync(new AddResource.Command
        {
            ProgramId = programId,
            Title = "Starter guide",
            Audience = ResourceAudience.Both,
            File = new FormFile(new MemoryStream(PdfBytes), 0, PdfBytes.Length, "Data.File", "starter.pdf") { Headers = new HeaderDictionary() },
        }, hr);

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string url) =>
        (await client.GetAsync(new Uri(url, UriKind.Relative))).StatusCode;

    [Fact]
    public async Task A_rejected_participant_who_withdraws_and_enrols_again_waits_for_hr_with_the_rejection_kept_and_no_access()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var hr = await app.PersonAsync(Roles.HrCoordinator);
        var resourceId = await AddFileAsync(program.Id, hr.As);
        var person = await app.PersonAsync(Roles.Mentor);
        var enrolment = await app.SubmitEnrolmentAsync(program, person);
        var client = await app.SignedInClientAsync(person.User);
        var download = $"/Resources/{resourceId}/Download";
        var resources = $"/Participant/Programs/{program.Id}/Resources";

        // Waiting for HR's first decision opens the resources, as designed.
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, download));

        await app.SendAsync(new RejectEnrolment.Command { ProgramId = program.Id, EnrolmentId = enrolment.Id, Version = enrolment.Version, Reason = Reason }, hr.As);
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(client, download));

        var rejected = (await app.SavedEnrolmentAsync(program.Id, person.Id))!;
        await app.SendAsync(new WithdrawEnrolment.Command { EnrolmentId = rejected.Id, Version = rejected.Version, Reason = "Trying again." }, person.As);
        await app.SendAsync(await app.EnrolmentFormAsync(program.Id), person.As);

        var again = (await app.SavedEnrolmentAsync(program.Id, person.Id))!;
        Assert.Equal(EnrolmentStatus.Pending, again.Status);
        Assert.Equal((Reason, hr.Id), (again.DecisionReason, again.DecidedByUserId));
        Assert.NotNull(again.DecidedAtUtc);
        Assert.Equal(["Submitted", "Rejected", "Withdrawn", "Re-enrolled"], again.History.OrderBy(h => h.Id).Select(h => h.Event));
        Assert.Equal(Reason, again.History.Single(h => h.Event == "Rejected").Detail);

        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(client, download));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(client, resources));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new MyProgramResources.Query(program.Id), person.As));
        var programPage = WebUtility.HtmlDecode(await client.GetHtmlAsync($"/Participant/Programs/{program.Id}"));
        Assert.Contains(Reason, programPage, StringComparison.Ordinal);
        var hrPage = WebUtility.HtmlDecode(await (await app.SignedInClientAsync(hr.User)).GetHtmlAsync($"/Programs/{program.Id}/Enrolments/{again.Id}"));
        Assert.Contains($"Rejected before because: {Reason}", hrPage, StringComparison.Ordinal);

        // Only HR's approval opens the program again.
        await app.SendAsync(new ApproveEnrolment.Command { ProgramId = program.Id, EnrolmentId = again.Id, Version = again.Version }, hr.As);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, download));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, resources));
    }

    [Fact]
    public async Task Enrolling_again_after_an_approval_keeps_the_access_a_first_enrolment_has()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var hr = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var resourceId = await AddFileAsync(program.Id, hr);
        var person = await app.PersonAsync(Roles.Mentee);
        var enrolment = await app.SubmitEnrolmentAsync(program, person, ParticipantRole.Mentee);
        await app.SendAsync(new ApproveEnrolment.Command { ProgramId = program.Id, EnrolmentId = enrolment.Id, Version = enrolment.Version }, hr);
        var approved = (await app.SavedEnrolmentAsync(program.Id, person.Id))!;
        await app.SendAsync(new WithdrawEnrolment.Command { EnrolmentId = approved.Id, Version = approved.Version }, person.As);

        await app.SendAsync(await app.EnrolmentFormAsync(program.Id, ParticipantRole.Mentee), person.As);

        Assert.Equal(EnrolmentStatus.Pending, (await app.SavedEnrolmentAsync(program.Id, person.Id))!.Status);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(await app.SignedInClientAsync(person.User), $"/Resources/{resourceId}/Download"));
    }
}
