using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Features.Provisioning;

namespace ReverseMentoring.Tests.Provisioning;

/// <summary>What the directory says of a person's place reaches the enrolments they already have, which the pairing and the dashboard read.</summary>
public sealed class ScimEnrolmentFollowsChartTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task An_open_enrolment_takes_the_department_and_level_the_directory_sends()
    {
        var email = $"senior-{Guid.NewGuid():N}@example.com";
        var person = await app.PersonAsync(Roles.Mentee, email: email);
        var program = await app.ProgramAsync(ProgramStatus.Enrolling);
        var enrolment = await app.EnrolAsync(program, person, ParticipantRole.Mentee, department: "Typed by hand", jobLevel: "Typed level");
        var directory = await app.DirectoryAsync();
        var body = ScimKit.Person(email);
        body["title"] = "Vice President";
        body[Scim.EnterpriseSchema] = new JsonObject { ["department"] = "Finance" };

        var id = await directory.CreateAsync(body);

        var saved = await app.ExecuteDbContextAsync(db => db.Enrolments.AsNoTracking().SingleAsync(e => e.Id == enrolment.Id));
        Assert.Equal("Finance", saved.Department);
        Assert.Equal("Vice President", saved.JobLevel);

        await directory.ScimAsync("PATCH", $"{ScimKit.Users}/{id}",
            ScimKit.Patch(ScimKit.Op("replace", $"{Scim.EnterpriseSchema}:department", JsonValue.Create("Legal"))));

        Assert.Equal("Legal", await app.ExecuteDbContextAsync(db => db.Enrolments.Where(e => e.Id == enrolment.Id).Select(e => e.Department).SingleAsync()));
    }
}
