using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Features.Resources;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Resources;

public sealed class ResourceDownloadTests(ResourcesApp app) : IClassFixture<ResourcesApp>
{
    private static readonly byte[] PdfBytes = Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n");

    private async Task<Resource> AddAsync(int programId, ResourceAudience audience, string title = "Guide")
    {
        var hr = AppFactory.PrincipalFor(await app.CreateUserAsync(Roles.HrCoordinator), Roles.HrCoordinator);
        var id = await app.SendAsync(new AddResource.Command
        {
            ProgramId = programId,
            Title = title,
            Audience = audience,
            File = new FormFile(new MemoryStream(PdfBytes), 0, PdfBytes.Length, "Data.File", "guide <1>.pdf") { Headers = new HeaderDictionary() },
        }, hr);
        return await app.ExecuteDbContextAsync(db => db.Resources.AsNoTracking().SingleAsync(r => r.Id == id));
    }

    private static Task<HttpResponseMessage> DownloadAsync(HttpClient client, Resource resource) =>
        client.GetAsync(new Uri($"/Resources/{resource.Id}/Download", UriKind.Relative));

    [Fact]
    public async Task HR_downloads_any_file_as_an_attachment_that_browsers_must_not_sniff()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var resource = await AddAsync(program.Id, ResourceAudience.Mentees);
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);

        var response = await DownloadAsync(client, resource);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(PdfBytes, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("guide <1>.pdf", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
    }

    [Theory]
    [InlineData(ParticipantRole.Mentor, EnrolmentStatus.Approved, ResourceAudience.Mentors, HttpStatusCode.OK)]
    [InlineData(ParticipantRole.Mentor, EnrolmentStatus.Pending, ResourceAudience.Both, HttpStatusCode.OK)]
    [InlineData(ParticipantRole.Mentee, EnrolmentStatus.Approved, ResourceAudience.Mentees, HttpStatusCode.OK)]
    [InlineData(ParticipantRole.Mentee, EnrolmentStatus.Approved, ResourceAudience.Mentors, HttpStatusCode.NotFound)]
    [InlineData(ParticipantRole.Mentor, EnrolmentStatus.Approved, ResourceAudience.Mentees, HttpStatusCode.NotFound)]
    [InlineData(ParticipantRole.Mentor, EnrolmentStatus.Rejected, ResourceAudience.Both, HttpStatusCode.NotFound)]
    [InlineData(ParticipantRole.Mentee, EnrolmentStatus.Withdrawn, ResourceAudience.Both, HttpStatusCode.NotFound)]
    public async Task A_participant_downloads_only_what_their_enrolment_and_side_allow(
        ParticipantRole role, EnrolmentStatus status, ResourceAudience audience, HttpStatusCode expected)
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var resource = await AddAsync(program.Id, audience);
        var participant = await app.PersonAsync(role);
        await app.EnrolAsync(program, participant, role, status);

        var response = await DownloadAsync(await app.SignedInClientAsync(participant.User), resource);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task A_participant_of_another_program_gets_not_found()
    {
        var (program, other) = (await app.ProgramAsync(ProgramStatus.Enrolling), await app.ProgramAsync(ProgramStatus.Enrolling));
        var resource = await AddAsync(program.Id, ResourceAudience.Both);
        var elsewhere = await app.PersonAsync(ParticipantRole.Mentor);
        await app.EnrolAsync(other, elsewhere, ParticipantRole.Mentor);

        Assert.Equal(HttpStatusCode.NotFound, (await DownloadAsync(await app.SignedInClientAsync(elsewhere.User), resource)).StatusCode);
        await Assert.ThrowsAsync<NotFoundException>(() =>
            app.SendAsync(new DownloadResource.Query(resource.Id), elsewhere.As));
    }

    [Fact]
    public async Task Leadership_without_an_enrolment_gets_not_found()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var resource = await AddAsync(program.Id, ResourceAudience.Both);

        Assert.Equal(HttpStatusCode.NotFound, (await DownloadAsync(await app.SignedInClientAsync(Roles.Leadership), resource)).StatusCode);
    }

    [Fact]
    public async Task Someone_not_signed_in_is_sent_to_sign_in()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var resource = await AddAsync(program.Id, ResourceAudience.Both);

        var response = await DownloadAsync(app.Client(), resource);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/Account/SignIn", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_participant_lists_the_resources_for_their_side_and_for_everyone()
    {
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        await AddAsync(program.Id, ResourceAudience.Both, "For all");
        await AddAsync(program.Id, ResourceAudience.Mentors, "For mentors");
        await AddAsync(program.Id, ResourceAudience.Mentees, "For mentees");
        var hr = AppFactory.PrincipalFor(await app.CreateUserAsync(Roles.HrCoordinator), Roles.HrCoordinator);
        await app.SendAsync(new AddResource.Command { ProgramId = program.Id, Title = "Mentor reading", Audience = ResourceAudience.Mentors, Url = "https://example.com/read" }, hr);
        var mentor = await app.PersonAsync(ParticipantRole.Mentor);
        await app.EnrolAsync(program, mentor, ParticipantRole.Mentor);

        var html = await (await app.SignedInClientAsync(mentor.User)).GetHtmlAsync($"/Participant/Programs/{program.Id}/Resources");

        Assert.Contains("For all", html, StringComparison.Ordinal);
        Assert.Contains("For mentors", html, StringComparison.Ordinal);
        Assert.Contains("https://example.com/read", html, StringComparison.Ordinal);
        Assert.DoesNotContain("For mentees", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_participant_sees_an_empty_library_explained_and_another_programs_library_not_at_all()
    {
        var (program, other) = (await app.ProgramAsync(ProgramStatus.Enrolling), await app.ProgramAsync(ProgramStatus.Enrolling));
        var mentee = await app.PersonAsync(ParticipantRole.Mentee);
        await app.EnrolAsync(program, mentee, ParticipantRole.Mentee);
        var client = await app.SignedInClientAsync(mentee.User);

        Assert.Contains("No resources yet.", await client.GetHtmlAsync($"/Participant/Programs/{program.Id}/Resources"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/Participant/Programs/{other.Id}/Resources", UriKind.Relative))).StatusCode);
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new MyProgramResources.Query(other.Id), mentee.As));
    }
}
