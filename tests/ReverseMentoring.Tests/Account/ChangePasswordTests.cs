using System.Net;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Tests.Account;

public sealed class ChangePasswordTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_person_changes_their_password_and_signs_in_with_the_new_one()
    {
        var user = await app.CreateUserAsync(Roles.Mentee);
        var client = app.Client();
        await client.PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = user.Email!, ["Data.Password"] = AppFactory.Password });

        var changed = await client.PostFormAsync("/Account/ChangePassword", new()
        {
            ["Data.CurrentPassword"] = AppFactory.Password,
            ["Data.NewPassword"] = "Brand-New-Password-7",
            ["Data.ConfirmPassword"] = "Brand-New-Password-7",
        });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Contains("Your password is changed.", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var again = await app.Client().PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = user.Email!, ["Data.Password"] = "Brand-New-Password-7" });
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
    }

    [Fact]
    public async Task A_wrong_current_password_or_a_weak_new_one_is_shown_next_to_its_field()
    {
        var client = await app.SignedInClientAsync(Roles.Mentor);

        var wrong = await client.PostFormAsync("/Account/ChangePassword", new()
        {
            ["Data.CurrentPassword"] = "Not-My-Password-1",
            ["Data.NewPassword"] = "Brand-New-Password-7",
            ["Data.ConfirmPassword"] = "Brand-New-Password-7",
        });
        var weak = await client.PostFormAsync("/Account/ChangePassword", new()
        {
            ["Data.CurrentPassword"] = AppFactory.Password,
            ["Data.NewPassword"] = "weakpassword",
            ["Data.ConfirmPassword"] = "weakpassword",
        });

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("The current password is not right.", HttpClientForms.FieldError(await wrong.Content.ReadAsStringAsync(), "Data.CurrentPassword"));
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.NotNull(HttpClientForms.FieldError(await weak.Content.ReadAsStringAsync(), "Data.NewPassword"));
    }
}
