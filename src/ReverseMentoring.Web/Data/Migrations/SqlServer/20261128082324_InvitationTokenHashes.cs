using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReverseMentoring.Web.Data.Migrations.SqlServer
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

            // Each token becomes its SHA-256 in lower-case hex, as the app computes it (tokens are ASCII, so varchar
            // bytes are UTF-8 bytes): links already sent keep working.
            migrationBuilder.Sql("""
                UPDATE [Invitations]
                SET [TokenHash] = LOWER(CONVERT(varchar(64), HASHBYTES('SHA2_256', CONVERT(varchar(64), [TokenHash])), 2));
                """);

            // The audit log copied every token when its invitation was added (or removed): the values go.
            foreach (var side in new[] { "Before", "After" })
            {
                migrationBuilder.Sql($"""
                    UPDATE [AuditEntries] SET [Changes] = JSON_MODIFY([Changes], '$.Token.{side}', N'(private)')
                    WHERE [Entity] = N'Invitation'
                      AND CASE WHEN ISJSON([Changes]) = 1 THEN JSON_VALUE([Changes], '$.Token.{side}') END IS NOT NULL;
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The tokens cannot come back from their hashes: links made before this migration stay unusable.
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
