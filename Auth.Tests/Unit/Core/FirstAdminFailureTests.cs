using Auth.Core.Abstractions;
using Auth.Core.Common;
using Auth.Core.Services;
using Auth.Core.Users;
using Moq;

namespace Auth.Tests.Unit.Core;

/// <summary>When the first admin cannot be made, the operator is told so and why.</summary>
public sealed class FirstAdminFailureTests
{
    private Mock<IUserRepository> _users = null!;
    private Mock<IAccountService> _accounts = null!;
    private Mock<IUserAdministration> _administration = null!;
    private Mock<IPasswordHasher> _hasher = null!;

    [SetUp]
    public void CreateMocks()
    {
        _users = new Mock<IUserRepository>();
        _accounts = new Mock<IAccountService>();
        _administration = new Mock<IUserAdministration>();
        _hasher = new Mock<IPasswordHasher>();
    }

    private FirstAdmin FirstAdmin => new(_users.Object, _accounts.Object, _administration.Object, _hasher.Object);

    private static User Boss => new() { Id = 3, Username = "boss", PasswordHash = "$2b$10$stored", Role = Role.User };

    private void SignUpSucceeds() =>
        _accounts.Setup(a => a.SignUpAsync("boss", "a long password", null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Result<User>.Created(Boss));

    [Test]
    public async Task WhenTheAccountCanNeitherBeCreatedNorFound_ItFails_AndPromotesNoOne()
    {
        _accounts.Setup(a => a.SignUpAsync("boss", "a long password", null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Result<User>.Fail(Outcome.Conflict, AccountService.UsernameTakenMessage));

        var result = await FirstAdmin.EnsureAsync("boss", "a long password");

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Outcome, Is.EqualTo(Outcome.NotFound));
        Assert.That(result.Message, Does.Contain("could not be created"));
        _administration.Verify(a => a.ChangeRoleAsync(It.IsAny<long?>(), It.IsAny<long>(), It.IsAny<Role>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task WhenThePromotionIsRefused_ItFailsWithTheAdministrationsOutcomeAndReason()
    {
        SignUpSucceeds();
        _administration.Setup(a => a.ChangeRoleAsync(null, 3, Role.Admin, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Result<User>.Fail(Outcome.NotFound, UserAdministration.NotFoundMessage));

        var result = await FirstAdmin.EnsureAsync("boss", "a long password");

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Outcome, Is.EqualTo(Outcome.NotFound));
        Assert.That(result.Message, Is.EqualTo(UserAdministration.NotFoundMessage));
    }

    [Test]
    public async Task WhenThePromotionIsRefusedWithoutAReason_ItStillSaysWhatFailed()
    {
        SignUpSucceeds();
        _administration.Setup(a => a.ChangeRoleAsync(null, 3, Role.Admin, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Result<User>(Outcome.Conflict));

        var result = await FirstAdmin.EnsureAsync("boss", "a long password");

        Assert.That(result.Outcome, Is.EqualTo(Outcome.Conflict));
        Assert.That(result.Message, Does.Contain("could not be made admin"));
    }
}
