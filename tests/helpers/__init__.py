"""What several test modules share: scratch repositories, corruptions, fixture packages, sites and the browser."""
