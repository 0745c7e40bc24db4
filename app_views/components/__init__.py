"""Streamlit custom components of the app, each with its static front end built in the repo."""
