using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReverseMentoring.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InvitationTokenHashes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "Token",
                table: "Invitations",
                newName: "TokenHash");

            migrationBuilder.RenameIndex(
                name: "IX_Invitations_Token",
                table: "Invitations",
                newName: "IX_Invitations_TokenHash");

            // SQLite has no SHA-256, so the tokens of open invitations cannot be turned into their hashes here: each gets
            // a random value that matches no link instead. Their links stop working; HR resends them, and reminders
            // carry new links.
            migrationBuilder.Sql("""UPDATE "Invitations" SET "TokenHash" = lower(hex(randomblob(32)));""");

            // The audit log copied every token when its invitation was added (or removed): the values go.
            foreach (var side in new[] { "Before", "After" })
            {
                migrationBuilder.Sql($"""
                    UPDATE "AuditEntries" SET "Changes" = json_set("Changes", '$.Token.{side}', '(private)')
                    WHERE "Entity" = 'Invitation'
                      AND CASE WHEN json_valid("Changes") THEN json_type("Changes", '$.Token.{side}') END = 'text';
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The tokens cannot come back: links made before this migration stay unusable.
            migrationBuilder.RenameColumn(
                name: "TokenHash",
                table: "Invitations",
                newName: "Token");

            migrationBuilder.RenameIndex(
                name: "IX_Invitations_TokenHash",
                table: "Invitations",
                newName: "IX_Invitations_Token");
        }
    }
}
