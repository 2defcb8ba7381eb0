currency USD

roster reps {
  id: text key
}

component commission {
  rate 10%
}